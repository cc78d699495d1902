import { rgb } from 'pdf-lib';
import { barcodeBand, sealArea } from '../layout/blocks';
import { Composer, SIZE } from '../layout/composer';
import type { ConstructionPermit } from '../types';
import { SAMPLE_AGENCY } from './samples';

export const PERMIT_TITLE = '建筑工程施工许可证';

/** The notes printed on every permit under the 2014 national model (建市〔2014〕). */
const NOTES = [
  '一、本证放置施工现场，作为准予施工的凭证。',
  '二、未经发证机关许可，本证的各项内容不得变更。',
  '三、住房城乡建设行政主管部门可以对本证进行查验。',
  '四、本证自核发之日起三个月内应予施工，逾期应办理延期手续，不办理延期或延期次数、时间超过法定时间的，本证自行废止。',
  '五、凡未取得本证擅自施工的属违法建设，将按《中华人民共和国建筑法》的规定予以处罚。',
];

export async function renderConstructionPermit(data: ConstructionPermit): Promise<Uint8Array> {
  const c = await Composer.create({ title: PERMIT_TITLE, caseNumber: data.ref.caseNumber, subject: data.projectName });
  await barcodeBand(c, data.ref);
  c.paragraph('中 华 人 民 共 和 国', { align: 'center', indent: 0, size: SIZE.subtitle, bold: true });
  c.space(2);
  c.title(PERMIT_TITLE, 26);
  c.space(2);
  c.paragraph(`编号：${data.permitNumber}`, { align: 'right', indent: 0 });
  c.paragraph('根据《中华人民共和国建筑法》第八条规定，经审查，本建筑工程符合施工条件，准予施工。');
  c.paragraph('特发此证。');
  c.space(6);
  const L = 18;
  const V = 42;
  c.grid(
    [
      [
        { text: '建设单位', share: L, label: true },
        { text: data.builder, share: 100 - L },
      ],
      [
        { text: '工程名称', share: L, label: true },
        { text: data.projectName, share: 100 - L },
      ],
      [
        { text: '建设地址', share: L, label: true },
        { text: data.address, share: 100 - L },
      ],
      [
        { text: '项目代码', share: L, label: true },
        { text: data.projectCode, share: 100 - L },
      ],
      [
        { text: '建设规模', share: L, label: true },
        { text: data.scale, share: V - L + 8 },
        { text: '合同价格（万元）', share: L + 4, label: true },
        { text: data.contractPrice, share: 100 - V - 12 - L + 8 },
      ],
      ...(
        [
          ['勘察单位', data.surveyor, '勘察单位\n项目负责人', data.surveyorLead],
          ['设计单位', data.designer, '设计单位\n项目负责人', data.designerLead],
          ['施工单位', data.contractor, '施工单位\n项目负责人', data.contractorLead],
          ['监理单位', data.supervisor, '总监理工程师', data.chiefSupervisor],
        ] as const
      ).map(([l1, v1, l2, v2]) => [
        { text: l1, share: L, label: true },
        { text: v1, share: V - L + 8 },
        { text: l2, share: L + 4, label: true },
        { text: v2, share: 100 - V - 12 - L + 8 },
      ]),
      [
        { text: '合同工期', share: L, label: true },
        { text: `${data.contractDays}日历天`, share: 100 - L },
      ],
      [
        { text: '备注', share: L, label: true },
        { text: data.note ?? '', share: 100 - L },
      ],
    ],
    { size: SIZE.table, minRowHeight: 22 },
  );
  sealArea(c, data.ref.agency, data.ref.issuedOn, '发证机关（盖章）');
  c.paragraph('注意事项：', { indent: 0, size: SIZE.small });
  for (const note of NOTES) c.paragraph(note, { indent: 0, size: SIZE.small });
  // A double frame marks the sheet as a certificate rather than a letter.
  for (const page of c.doc.getPages()) {
    const inset = 14;
    page.drawRectangle({
      x: inset,
      y: inset + 14,
      width: c.width - 2 * inset,
      height: c.height - 2 * inset - 14,
      borderColor: rgb(0.55, 0.1, 0.1),
      borderWidth: 2,
    });
    page.drawRectangle({
      x: inset + 4,
      y: inset + 18,
      width: c.width - 2 * inset - 8,
      height: c.height - 2 * inset - 22,
      borderColor: rgb(0.55, 0.1, 0.1),
      borderWidth: 0.6,
    });
  }
  return c.finish();
}

export function sampleConstructionPermit(): ConstructionPermit {
  return {
    ref: {
      documentNumber: '330106202509260101',
      caseNumber: '330106-20250926-000123',
      verificationRef: 'https://zwfw.example.gov.cn/verify/7Q3K-9XDM-2F8A',
      issuedOn: '2025-09-30',
      agency: SAMPLE_AGENCY,
    },
    permitNumber: '330106202509260101',
    projectCode: '2025-330106-47-01-123456',
    builder: '杭州西溪建设发展有限公司',
    projectName: '西溪谷综合体二期（商业及办公用房）工程',
    address: '杭州市西湖区西溪路以南、紫金港路以东地块',
    scale: '总建筑面积 52340 平方米，地上 18 层，地下 2 层',
    contractPrice: '31250.50',
    surveyor: '浙江华东工程勘察院有限公司',
    designer: '杭州市建筑设计研究院有限公司',
    contractor: '浙江建工集团有限责任公司',
    supervisor: '浙江江南工程管理股份有限公司',
    surveyorLead: '周明',
    designerLead: '吴海燕',
    contractorLead: '郑国强',
    chiefSupervisor: '冯立',
    contractDays: 720,
    note: '本工程为社会投资项目，施工图已经联合审图合格。',
  };
}

import { HallEnrolment } from '../hall/HallEnrolment';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import type { WorkstationConfig, WorkstationConfigView } from '../../../shared/api/settings';
import { useApi, useApiMutation } from '../api/hooks';
import { DeviceFinder, type DeviceChoice } from './DeviceFinder';
import type { FoundDevice } from '../../../shared/api/devices';

type FormValues = WorkstationConfigView & { platformSecret?: string };

/** Workstation configuration for IT: window, devices, platform, supervision thresholds. */
export function SettingsScreen() {
  const q = useApi('settings.get', {});
  const save = useApiMutation('settings.update', ['settings.get', 'devices.status', 'system.info']);
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);

  const onFinish = async (v: FormValues) => {
    const { platformSecret, ...rest } = v;
    const config: WorkstationConfig = {
      ...rest,
      platform: {
        url: rest.platform.url || undefined,
        workstationId: rest.platform.workstationId || undefined,
        secret: platformSecret || undefined,
      },
    };
    await save.mutateAsync(config);
    message.success('配置已保存');
  };

  // A device picked from what the drivers found goes into the form; 保存配置 stores it.
  const choose = (d: FoundDevice, c: DeviceChoice) => {
    if (c.use === 'scanner') {
      form.setFieldValue(['devices', 'scanner', 'driver'], d.driver);
      form.setFieldValue(['devices', 'scanner', 'device'], d.id);
      message.info(`已选用扫描仪：${d.label || d.id}，请点击“保存配置”`);
      return;
    }
    form.setFieldValue(['devices', 'printers', c.slot, 'kind'], d.driver);
    form.setFieldValue(['devices', 'printers', c.slot, 'name'], d.driver === 'ipp' ? d.label || d.id : d.id);
    form.setFieldValue(['devices', 'printers', c.slot, 'uri'], d.driver === 'ipp' ? d.id : undefined);
    message.info(`已选用${c.slot === 'notice' ? '文书' : '回执'}打印机：${d.label || d.id}，请点击“保存配置”`);
  };

  const printer = (slot: 'notice' | 'receipt', label: string) => (
    <Row gutter={8}>
      <Col span={8}>
        <Form.Item label={`${label}类型`} name={['devices', 'printers', slot, 'kind']}>
          <Select
            options={[
              { value: 'none', label: '未配置' },
              { value: 'ipp', label: 'IPP 网络打印机' },
              { value: 'cups', label: 'CUPS 打印队列' },
              { value: 'electron', label: '系统打印机（桌面版）' },
              { value: 'folder', label: '输出到文件夹（培训）' },
            ]}
          />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item label="打印机名称" name={['devices', 'printers', slot, 'name']}>
          <Input placeholder="如 HP_LaserJet" />
        </Form.Item>
      </Col>
      <Col span={10}>
        <Form.Item noStyle shouldUpdate>
          {() =>
            form.getFieldValue(['devices', 'printers', slot, 'kind']) === 'ipp' ? (
              <Form.Item label="打印机地址" name={['devices', 'printers', slot, 'uri']}>
                <Input placeholder="ipp://192.168.1.20:631/ipp/print" />
              </Form.Item>
            ) : (
              <Form.Item label="输出文件夹" name={['devices', 'printers', slot, 'folder']}>
                <Input placeholder="培训模式输出目录" />
              </Form.Item>
            )
          }
        </Form.Item>
      </Col>
    </Row>
  );

  return (
    <>
      <HallEnrolment />
      <Form<FormValues> form={form} layout="vertical" size="small" onFinish={onFinish} disabled={!q.data}>
        <Row gutter={12}>
          <Col span={12}>
            <Card size="small" title="窗口" style={{ marginBottom: 12 }}>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item label="服务大厅" name={['hall', 'name']} rules={[{ required: true, message: '请填写大厅名称' }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="窗口号" name={['window', 'number']} rules={[{ required: true, message: '请填写窗口号' }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="运行模式" name="mode">
                    <Select
                      options={[
                        { value: 'training', label: '培训模式' },
                        { value: 'production', label: '正式模式' },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={8}>
                <Col span={14}>
                  <Form.Item label="窗口名称" name={['window', 'name']}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item label="咨询电话（印在文书上）" name={['window', 'phone']}>
                    <Input placeholder="0571-87654321" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="服务部门" name="departments">
                <Select mode="tags" placeholder="输入部门名称后回车" />
              </Form.Item>
              <Form.Item
                label="其他证件类型"
                name="certificateTypes"
                extra="居民身份证、港澳台通行证、居住证、永居证和护照已内置；这里添加本厅另外受理的证件，如 海员证"
              >
                <Select mode="tags" placeholder="输入证件名称后回车" aria-label="其他证件类型" />
              </Form.Item>
              <Form.Item label="无操作自动锁屏（分钟）" name="idleLockMinutes">
                <InputNumber min={1} max={240} />
              </Form.Item>
            </Card>
            <Card size="small" title="中心平台" style={{ marginBottom: 12 }}>
              <Form.Item label="平台地址" name={['platform', 'url']}>
                <Input placeholder="https://…" />
              </Form.Item>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item label="工位编号" name={['platform', 'workstationId']}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={q.data?.platform.hasSecret ? '平台密钥（已设置，留空不变）' : '平台密钥'} name="platformSecret">
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title="督办">
              <Row gutter={8}>
                <Col span={8}>
                  <Form.Item label="黄灯提前（工作日）" name={['supervision', 'yellowThresholdWorkdays']}>
                    <InputNumber min={0} max={30} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="容缺宽限（工作日）" name={['supervision', 'deficiencyGraceWorkdays']}>
                    <InputNumber min={1} max={60} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="差评回访（工作日）" name={['supervision', 'badRatingFollowUpWorkdays']}>
                    <InputNumber min={1} max={60} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="受理当日计入时限" name={['supervision', 'countAcceptanceDay']} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title="身份证读卡器" style={{ marginBottom: 12 }}>
              <Row gutter={8}>
                <Col span={8}>
                  <Form.Item label="驱动" name={['devices', 'idcard', 'driver']}>
                    <Select
                      options={[
                        { value: 'none', label: '未配置' },
                        { value: 'serial', label: '串口读卡器' },
                        { value: 'simulator', label: '模拟读卡器（培训）' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="端口" name={['devices', 'idcard', 'port']}>
                    <Input placeholder="/dev/ttyUSB0 或 COM3" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="波特率" name={['devices', 'idcard', 'baudRate']}>
                    <Select options={[115200, 57600, 38400, 19200, 9600].map((b) => ({ value: b, label: String(b) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item label="轮询间隔（毫秒）" name={['devices', 'idcard', 'pollIntervalMs']}>
                    <InputNumber min={100} max={5000} step={100} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="自动探测波特率" name={['devices', 'idcard', 'probeRates']} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title="扫描与高拍" style={{ marginBottom: 12 }}>
              <Row gutter={8}>
                <Col span={8}>
                  <Form.Item label="扫描仪" name={['devices', 'scanner', 'driver']}>
                    <Select
                      options={[
                        { value: 'none', label: '未配置' },
                        { value: 'escl', label: '网络扫描仪（eSCL）' },
                        { value: 'sane', label: 'SANE 扫描仪' },
                        { value: 'wia', label: 'WIA 扫描仪（Windows）' },
                        { value: 'simulator', label: '模拟扫描仪（培训）' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item label="设备名 / 地址" name={['devices', 'scanner', 'device']}>
                    <Input placeholder="SANE 设备名、WIA 设备或 http://…/eSCL" />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item label="分辨率" name={['devices', 'scanner', 'resolution']}>
                    <InputNumber min={75} max={600} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item label="色彩" name={['devices', 'scanner', 'mode']}>
                    <Select
                      options={[
                        { value: 'Gray', label: '灰度' },
                        { value: 'Color', label: '彩色' },
                        { value: 'Lineart', label: '黑白' },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={8}>
                <Col span={8}>
                  <Form.Item label="高拍仪" name={['devices', 'camera', 'driver']}>
                    <Select
                      options={[
                        { value: 'none', label: '未配置' },
                        { value: 'uvc', label: 'USB 高拍仪' },
                        { value: 'simulator', label: '模拟高拍仪（培训）' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item label="高拍仪名称" name={['devices', 'camera', 'label']}>
                    <Input placeholder="设备列表中的名称" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title="条码枪（扫码开办件）" style={{ marginBottom: 12 }} data-testid="barcode-settings">
              <Row gutter={8}>
                <Col span={6}>
                  <Form.Item
                    label="前缀"
                    name={['barcodeScanner', 'prefix']}
                    tooltip="条码枪设置了前缀时填写：前缀之后到结束键之间都算条码，繁忙时也不会误判"
                  >
                    <Input placeholder="无" maxLength={8} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="结束键" name={['barcodeScanner', 'suffix']}>
                    <Select
                      options={[
                        { value: 'Enter', label: '回车' },
                        { value: 'Tab', label: 'Tab' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="最短位数" name={['barcodeScanner', 'minLength']}>
                    <InputNumber min={4} max={64} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="最长位数" name={['barcodeScanner', 'maxLength']}>
                    <InputNumber min={4} max={128} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                label="条码格式（正则表达式）"
                name={['barcodeScanner', 'pattern']}
                tooltip="留空：识别办件编号和文书二维码（OW1:…）"
              >
                <Input placeholder="留空则识别办件编号和文书二维码" />
              </Form.Item>
            </Card>
            <Card size="small" title="打印机">
              {printer('notice', 'A4文书')}
              {printer('receipt', '回执')}
            </Card>
          </Col>
        </Row>
        {/* Full width: the finder's table needs room for the address and what to do. */}
        <Card size="small" title="查找与测试设备" style={{ marginTop: 12 }}>
          <DeviceFinder onChoose={choose} />
        </Card>
        {save.error && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message={save.error.message}
            // Each problem in the clerk's words; field paths (window.phone) are for the form, not the reader.
            description={[...new Set(save.error.details?.map((d) => d.message) ?? [])].map((m) => (
              <div key={m}>{m}</div>
            ))}
          />
        )}
        <div style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存配置
          </Button>
        </div>
      </Form>
    </>
  );
}

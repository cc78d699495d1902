/**
 * Every applicant, as they are (issue 12): a case names its applicant (a unit with its 统一社会信用代码,
 * or a person) and the agent who came to the window, each with the certificate type that goes with
 * the number. The agent gets columns of its own so the case list can show and search them without
 * opening each application's parties. Cases accepted earlier are filled from those parties.
 */
export default /* sql */ `
ALTER TABLE item_cases ADD COLUMN applicant_certificate_type TEXT;
ALTER TABLE item_cases ADD COLUMN agent_name TEXT NOT NULL DEFAULT '';
ALTER TABLE item_cases ADD COLUMN agent_certificate_type TEXT;
ALTER TABLE item_cases ADD COLUMN agent_id_number TEXT NOT NULL DEFAULT '';

UPDATE item_cases SET
  agent_name = COALESCE((SELECT json_extract(a.parties, '$.agent.name') FROM stage_applications a WHERE a.id = item_cases.application_id), ''),
  agent_id_number = COALESCE((SELECT json_extract(a.parties, '$.agent.idNumber') FROM stage_applications a WHERE a.id = item_cases.application_id), ''),
  agent_certificate_type = (SELECT json_extract(a.parties, '$.agent.certificateType') FROM stage_applications a WHERE a.id = item_cases.application_id),
  applicant_certificate_type = (SELECT json_extract(a.parties, '$.applicant.certificateType') FROM stage_applications a WHERE a.id = item_cases.application_id);

CREATE INDEX item_cases_agent_name ON item_cases (agent_name);
CREATE INDEX item_cases_agent_id ON item_cases (agent_id_number);
`;

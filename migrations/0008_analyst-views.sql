-- Up Migration
-- What analysts query (docs/analyst-guide.md): views in a schema of their own, `analyst`, with
-- Chinese column names and every time shown as Asia/Shanghai wall-clock time (timestamp without
-- time zone), so a spreadsheet or BI tool shows 2025-11-05 23:59 and not 15:59 UTC. View names
-- stay ASCII so they are easy to type in any client; the columns are quoted identifiers.
-- The views run with their owner's rights: they expose only the columns chosen here (never the
-- reviewer's name or comment, nor the reply outbox), and each is granted explicitly (see 0005).

-- New sessions of this database show and read times in Beijing time (psql, DBeaver, now()::date).
-- The service is unaffected: pg hands timestamptz to Node as absolute instants.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'Asia/Shanghai');
END
$$;

CREATE SCHEMA analyst;
COMMENT ON SCHEMA analyst IS '分析视图（只读）：列名为中文，时间均为北京时间';

-- One row per unit: its current application (inactive ones are retired or merged away).
CREATE VIEW analyst.current_applications AS
SELECT
  a.id AS "申报编号",
  a.unit_name AS "单位名称",
  a.uscc AS "统一社会信用代码",
  a.record ->> 'unit_address' AS "单位地址",
  a.record ->> 'contact_name' AS "负责人",
  a.record ->> 'contact_phone' AS "联系方式",
  a.review_state AS "审核状态",
  a.reviewed_at AT TIME ZONE 'Asia/Shanghai' AS "审核时间",
  a.complete AS "材料齐全",
  a.complete_on_time AS "截止前材料齐全",
  a.late AS "逾期",
  cardinality(a.flags) AS "问题数",
  a.flags AS "问题标记",
  (SELECT count(*) FROM submissions s WHERE s.application_id = a.id AND s.active) AS "邮件数",
  (SELECT count(*) FROM cases c WHERE c.submission_id = (a.materials -> 'form1' ->> 'submission_id')::bigint) AS "案例数",
  a.first_received_at AT TIME ZONE 'Asia/Shanghai' AS "首次收到时间",
  a.last_received_at AT TIME ZONE 'Asia/Shanghai' AS "最近收到时间",
  a.materials -> 'form1' ->> 'filename' AS "附件1文件",
  a.materials -> 'form2' ->> 'filename' AS "附件2文件",
  a.materials -> 'form3' ->> 'filename' AS "附件3文件",
  a.materials -> 'stamped_scan' ->> 'filename' AS "盖章扫描件",
  a.materials -> 'samples' ->> 'filename' AS "数据集样例",
  a.updated_at AT TIME ZONE 'Asia/Shanghai' AS "更新时间"
FROM applications a
WHERE a.active;
COMMENT ON VIEW analyst.current_applications IS '当前申报：每个单位一行（合并其全部申报邮件）';

-- The cases of each current application: those of the 附件1 the application chose (the latest
-- readable one), not of every email, so a corrected form does not count its cases twice.
CREATE VIEW analyst.application_cases AS
SELECT
  a.id AS "申报编号",
  a.unit_name AS "单位名称",
  a.uscc AS "统一社会信用代码",
  c.ordinal AS "案例序号",
  c.case_name AS "数据集案例名称",
  c.dataset_name AS "数据集名称",
  c.dataset_category AS "类别",
  c.structured_rows AS "结构化数据行数",
  c.structured_rows_text AS "结构化规模原文",
  c.unstructured_gb AS "非结构化数据量GB",
  c.unstructured_gb_text AS "非结构化规模原文",
  c.directions AS "申报方向",
  c.industries AS "行业领域",
  c.modalities AS "数据集模态",
  c.agree_publicity AS "同意宣传",
  c.agree_listing AS "同意上架",
  c.listed_elsewhere AS "已在其他平台上架",
  c.involves_personal_info AS "涉及个人敏感信息",
  c.supported_models AS "已支撑算法模型",
  c.overview AS "数据集概况",
  c.scenarios AS "应用场景介绍",
  a.review_state AS "审核状态",
  a.complete AS "材料齐全",
  a.late AS "逾期"
FROM applications a
JOIN cases c ON c.submission_id = (a.materials -> 'form1' ->> 'submission_id')::bigint
WHERE a.active;
COMMENT ON VIEW analyst.application_cases IS '申报案例：每个当前申报所采用附件1中的每个案例一行';

-- One row per problem of a current application, code split into its kind and field.
CREATE VIEW analyst.application_flags AS
SELECT
  a.id AS "申报编号",
  a.unit_name AS "单位名称",
  a.uscc AS "统一社会信用代码",
  f ->> 'code' AS "问题代码",
  split_part(f ->> 'code', ':', 1) AS "问题类型",
  NULLIF(substr(f ->> 'code', length(split_part(f ->> 'code', ':', 1)) + 2), '') AS "涉及字段",
  CASE f ->> 'severity' WHEN 'error' THEN '错误' WHEN 'warning' THEN '警告' WHEN 'info' THEN '提示' ELSE f ->> 'severity' END AS "严重程度",
  f ->> 'message' AS "说明",
  a.review_state AS "审核状态"
FROM applications a
CROSS JOIN LATERAL jsonb_array_elements(a.flag_details) AS f
WHERE a.active;
COMMENT ON VIEW analyst.application_flags IS '申报问题：每个当前申报的每个问题标记一行';

-- The emails each current application is made of, in the order received.
CREATE VIEW analyst.application_members AS
SELECT
  a.id AS "申报编号",
  a.unit_name AS "单位名称",
  m.id AS "邮件编号",
  m.message_id_header AS "邮件MessageID",
  m.sender_address AS "发件人",
  m.subject AS "邮件主题",
  m.received_at AT TIME ZONE 'Asia/Shanghai' AS "收到时间",
  s.late AS "逾期",
  s.version AS "版本",
  s.flags AS "邮件问题标记",
  (SELECT count(*) FROM attachments t WHERE t.message_id = m.id AND t.depth = 0) AS "附件数",
  m.raw_size AS "邮件字节数"
FROM applications a
JOIN submissions s ON s.application_id = a.id AND s.active
JOIN messages m ON m.id = s.message_id
WHERE a.active;
COMMENT ON VIEW analyst.application_members IS '申报邮件：每个当前申报所含的每封邮件一行';

-- Every email received, by Beijing calendar day (questions and spam too: the mailbox's load).
CREATE VIEW analyst.daily_intake AS
SELECT
  d.day AS "日期",
  count(*) AS "收到邮件数",
  count(*) FILTER (WHERE m.is_submission) AS "申报邮件数",
  count(*) FILTER (WHERE m.is_submission = false) AS "非申报邮件数",
  count(*) FILTER (WHERE m.late) AS "逾期邮件数",
  count(*) FILTER (WHERE m.last_run = 'failed') AS "处理失败数",
  (SELECT count(*) FROM applications a
    WHERE a.active AND (a.first_received_at AT TIME ZONE 'Asia/Shanghai')::date = d.day) AS "新增申报单位数",
  round(sum(m.raw_size) / 1048576.0, 2) AS "邮件总量MB"
FROM messages m
CROSS JOIN LATERAL (SELECT (m.received_at AT TIME ZONE 'Asia/Shanghai')::date AS day) d
WHERE m.received_at IS NOT NULL
GROUP BY d.day;
COMMENT ON VIEW analyst.daily_intake IS '每日收件：按北京时间日期统计';

GRANT USAGE ON SCHEMA analyst TO intake_analyst;
GRANT SELECT ON analyst.current_applications, analyst.application_cases, analyst.application_flags,
  analyst.application_members, analyst.daily_intake TO intake_analyst;

-- The filters analysts use most (guide's examples, the dashboard's lists). Partial on active:
-- retired applications are never listed. Booleans alone select half the rows, so complete and
-- late ride in one index with the review state rather than three single-column ones.
CREATE INDEX applications_review_filter_idx ON applications (review_state, complete, late) WHERE active;
CREATE INDEX applications_flags_idx ON applications USING gin (flags);
CREATE INDEX cases_industries_idx ON cases USING gin (industries);
CREATE INDEX cases_directions_idx ON cases USING gin (directions);
CREATE INDEX cases_dataset_category_idx ON cases (dataset_category);

-- Down Migration
DROP INDEX cases_dataset_category_idx;
DROP INDEX cases_directions_idx;
DROP INDEX cases_industries_idx;
DROP INDEX applications_flags_idx;
DROP INDEX applications_review_filter_idx;
DROP SCHEMA analyst CASCADE;
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I RESET timezone', current_database());
END
$$;

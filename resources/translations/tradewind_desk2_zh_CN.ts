<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FollowupActions</name>
    <message><source>Follow-ups…</source><translation>跟进提醒…</translation></message>
    <message><source>Quotes and replies waiting for the buyer's answer</source><translation>等待买家回复的报价和回信</translation></message>
    <message><source>{0} follow-ups due: View → Follow-ups…</source><translation>{0} 个跟进提醒到期：查看 → 跟进提醒…</translation></message>
    <message><source>{0} follow-ups fell due while Tradewind was closed: View → Follow-ups…</source><translation>{0} 个跟进提醒在 Tradewind 关闭期间到期：查看 → 跟进提醒…</translation></message>
</context>
<context>
    <name>FollowupNotifier</name>
    <message><source>Follow up quote {0} with {1}</source><translation>跟进发给 {1} 的报价 {0}</translation></message>
    <message><source>Follow up with {0}</source><translation>跟进 {0}</translation></message>
    <message><source>No answer for {0} working days: {1}</source><translation>已 {0} 个工作日未回复：{1}</translation></message>
    <message><source>{0} (fell due while Tradewind was closed)</source><translation>{0}（在 Tradewind 关闭期间到期）</translation></message>
</context>
<context>
    <name>FollowupsWindow</name>
    <message><source>1 working day</source><translation>1 个工作日</translation></message>
    <message><source>3 working days</source><translation>3 个工作日</translation></message>
    <message><source>Conversation</source><translation>会话</translation></message>
    <message><source>Customer</source><translation>客户</translation></message>
    <message><source>Dismiss</source><translation>忽略</translation></message>
    <message><source>Done</source><translation>已完成</translation></message>
    <message><source>Due</source><translation>到期</translation></message>
    <message><source>Follow-ups</source><translation>跟进提醒</translation></message>
    <message><source>No follow-ups: every quote and reply has been answered.</source><translation>没有跟进提醒：所有报价和回信都已获回复。</translation></message>
    <message><source>Open thread</source><translation>打开会话</translation></message>
    <message><source>Preparing the follow-up…</source><translation>正在准备跟进邮件…</translation></message>
    <message><source>Quote</source><translation>报价</translation></message>
    <message><source>Snooze</source><translation>推迟</translation></message>
    <message><source>Snoozed</source><translation>已推迟</translation></message>
    <message><source>State</source><translation>状态</translation></message>
    <message><source>The follow-up is ready in the composer.</source><translation>跟进邮件已在撰写窗口中准备好。</translation></message>
    <message><source>Until…</source><translation>直到…</translation></message>
    <message><source>Waiting</source><translation>等待中</translation></message>
    <message><source>Working days waiting</source><translation>已等待工作日</translation></message>
    <message><source>Write follow-up</source><translation>撰写跟进邮件</translation></message>
    <message><source>{0} due, {1} waiting for an answer.</source><translation>{0} 个到期，{1} 个等待回复。</translation></message>
</context>
<context>
    <name>StatsActions</name>
    <message><source>Mails, reply rate, first-response time and quotes for a period</source><translation>一段时间内的邮件、回复率、首次响应时间和报价</translation></message>
    <message><source>Statistics…</source><translation>统计…</translation></message>
</context>
<context>
    <name>StatsWindow</name>
    <message><source>90th percentile (h)</source><translation>第 90 百分位（小时）</translation></message>
    <message><source>Answered inquiries</source><translation>已回复的询盘</translation></message>
    <message><source>By</source><translation>分组</translation></message>
    <message><source>CSV files (*.csv)</source><translation>CSV 文件 (*.csv)</translation></message>
    <message><source>Channel</source><translation>渠道</translation></message>
    <message><source>Counting…</source><translation>正在统计…</translation></message>
    <message><source>Country</source><translation>国家</translation></message>
    <message><source>Customer</source><translation>客户</translation></message>
    <message><source>Days from {0}</source><translation>自 {0} 起的天数</translation></message>
    <message><source>Dimension</source><translation>维度</translation></message>
    <message><source>Export CSV</source><translation>导出 CSV</translation></message>
    <message><source>Export CSV…</source><translation>导出 CSV…</translation></message>
    <message><source>Exported to {0}.</source><translation>已导出到 {0}。</translation></message>
    <message><source>From</source><translation>从</translation></message>
    <message><source>Inquiries</source><translation>询盘</translation></message>
    <message><source>Key</source><translation>键</translation></message>
    <message><source>Lost</source><translation>丢单</translation></message>
    <message><source>Lost value</source><translation>丢单金额</translation></message>
    <message><source>Median first response (h)</source><translation>首次响应中位数（小时）</translation></message>
    <message><source>Name</source><translation>名称</translation></message>
    <message><source>Per day</source><translation>每天</translation></message>
    <message><source>Per rep</source><translation>按业务员</translation></message>
    <message><source>Per {0}</source><translation>按{0}</translation></message>
    <message><source>Quoted</source><translation>报价金额</translation></message>
    <message><source>Quotes sent</source><translation>已发报价</translation></message>
    <message><source>Received</source><translation>收到</translation></message>
    <message><source>Replied</source><translation>已回复</translation></message>
    <message><source>Reply rate</source><translation>回复率</translation></message>
    <message><source>Rep</source><translation>业务员</translation></message>
    <message><source>Reps only</source><translation>仅业务员</translation></message>
    <message><source>Sent</source><translation>发出</translation></message>
    <message><source>Statistics</source><translation>统计</translation></message>
    <message><source>The CSV file could not be written: {0}</source><translation>无法写入 CSV 文件：{0}</translation></message>
    <message><source>The period ends before it starts: choose a later end date.</source><translation>时间段的结束早于开始：请选择更晚的结束日期。</translation></message>
    <message><source>To</source><translation>到</translation></message>
    <message><source>Total</source><translation>合计</translation></message>
    <message><source>Won</source><translation>成交</translation></message>
    <message><source>Won value</source><translation>成交金额</translation></message>
    <message><source>unknown</source><translation>未知</translation></message>
    <message><source>untagged</source><translation>未标记</translation></message>
    <message><source>{0} sent, {1} received; {2} of {3} inquiries answered ({4}); first response {5} h median, {6} h at the 90th percentile, in working hours (09:00–18:00, {7}).</source><translation>发出 {0} 封，收到 {1} 封；{3} 个询盘中已回复 {2} 个（{4}）；首次响应中位数 {5} 小时，第 90 百分位 {6} 小时，按工作时间计（09:00–18:00，{7}）。</translation></message>
</context>
<context>
    <name>UntilDialog</name>
    <message><source>Snooze until</source><translation>推迟到</translation></message>
</context>
</TS>

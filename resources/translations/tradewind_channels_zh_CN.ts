<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChannelRules</name>
    <message><source>Tags column</source><translation>标签列</translation></message>
    <message><source>Show the inquiry channel tags beside each message</source><translation>在每封邮件旁显示询盘渠道标签</translation></message>
    <message><source>Channel rules…</source><translation>渠道规则…</translation></message>
    <message><source>Tag incoming inquiries by where they came from</source><translation>按来源为收到的询盘加标签</translation></message>
    <message><source>Sender address</source><translation>发件人地址</translation></message>
    <message><source>Header</source><translation>邮件头</translation></message>
    <message><source>Lead list</source><translation>线索名单</translation></message>
    <message><source>B2B platform</source><translation>B2B 平台</translation></message>
    <message><source>Referral phrase</source><translation>推荐用语</translation></message>
    <message><source>Referral address</source><translation>推荐人地址</translation></message>
    <message><source>the sender {0} is the rule's address</source><translation>发件人 {0} 正是规则中的地址</translation></message>
    <message><source>the sender {0} is at {1}</source><translation>发件人 {0} 属于 {1}</translation></message>
    <message><source>the message has the header {0} (“{1}”)</source><translation>邮件带有邮件头 {0}（“{1}”）</translation></message>
    <message><source>its header {0} is “{1}”, which contains “{2}”</source><translation>其邮件头 {0} 为“{1}”，包含“{2}”</translation></message>
    <message><source>the sender {0} is on the lead list “{1}”</source><translation>发件人 {0} 在线索名单“{1}”中</translation></message>
    <message><source>the subject contains “{0}”</source><translation>主题包含“{0}”</translation></message>
    <message><source>the text contains “{0}”</source><translation>正文包含“{0}”</translation></message>
    <message><source>the referrer {0} sent it</source><translation>由推荐人 {0} 发送</translation></message>
    <message><source>the referrer {0} is among its recipients</source><translation>推荐人 {0} 在收件人之中</translation></message>
    <message><source>the sender {0} is a notification address of {1}</source><translation>发件人 {0} 是 {1} 的通知地址</translation></message>
    <message><source>This is your own mail; rules tag incoming mail only.</source><translation>这是您自己的邮件；规则只为收到的邮件加标签。</translation></message>
    <message><source>Rule {0} ({1}: {2}) sets the tag “{3}”: {4}.</source><translation>规则 {0}（{1}：{2}）设置标签“{3}”：{4}。</translation></message>
    <message><source>Buyer: {0}</source><translation>买家：{0}</translation></message>
    <message><source>No enabled rule matches this message.</source><translation>没有已启用的规则匹配此邮件。</translation></message>
    <message><source>Tagged “{0}” by hand.</source><translation>已手动标记“{0}”。</translation></message>
    <message><source>Tagged “{0}” by a rule.</source><translation>已由规则标记“{0}”。</translation></message>
</context>
<context>
    <name>MessageListModel</name>
    <message><source>Tags</source><translation>标签</translation></message>
</context>
<context>
    <name>RulesDialog</name>
    <message><source>Add</source><translation>添加</translation></message>
    <message><source>CSV files (*.csv);;All files (*)</source><translation>CSV 文件 (*.csv);;所有文件 (*)</translation></message>
    <message><source>Close</source><translation>关闭</translation></message>
    <message><source>Enabled</source><translation>已启用</translation></message>
    <message><source>Import lead list</source><translation>导入线索名单</translation></message>
    <message><source>Import lead list…</source><translation>导入线索名单…</translation></message>
    <message><source>Imported {0} addresses as “{1}”.</source><translation>已导入 {0} 个地址，标签为“{1}”。</translation></message>
    <message><source>Inquiry channel rules</source><translation>询盘渠道规则</translation></message>
    <message><source>Kind</source><translation>类型</translation></message>
    <message><source>Looked at {0} messages; tagged {1}.</source><translation>已检查 {0} 封邮件；加标签 {1} 封。</translation></message>
    <message><source>Match</source><translation>匹配</translation></message>
    <message><source>Move down</source><translation>下移</translation></message>
    <message><source>Move up</source><translation>上移</translation></message>
    <message><source>On</source><translation>启用</translation></message>
    <message><source>Order changed.</source><translation>顺序已更改。</translation></message>
    <message><source>Remove</source><translation>删除</translation></message>
    <message><source>Row {0} skipped: {1}</source><translation>第 {0} 行已跳过：{1}</translation></message>
    <message><source>Rule added.</source><translation>规则已添加。</translation></message>
    <message><source>Rule removed; the tags it set stay.</source><translation>规则已删除；它设置的标签保留。</translation></message>
    <message><source>Rule saved.</source><translation>规则已保存。</translation></message>
    <message><source>Run on existing mail</source><translation>对现有邮件运行</translation></message>
    <message><source>Save changes</source><translation>保存更改</translation></message>
    <message><source>Select a message in the list first.</source><translation>请先在列表中选择一封邮件。</translation></message>
    <message><source>Select a message in the list, then press “Test on the selected message”.</source><translation>在列表中选择一封邮件，然后点击“用所选邮件测试”。</translation></message>
    <message><source>Tag</source><translation>标签</translation></message>
    <message><source>Tag for this list (e.g. fair-canton-2026):</source><translation>此名单的标签（例如 fair-canton-2026）：</translation></message>
    <message><source>Test on the selected message</source><translation>用所选邮件测试</translation></message>
    <message><source>X-Form-Name, or X-Form-Name: contact</source><translation>X-Form-Name，或 X-Form-Name: contact</translation></message>
    <message><source>e.g. recommended by</source><translation>例如 recommended by</translation></message>
    <message><source>e.g. webform, fair-canton-2026, referral</source><translation>例如 webform、fair-canton-2026、referral</translation></message>
    <message><source>off</source><translation>停用</translation></message>
    <message><source>on</source><translation>启用</translation></message>
    <message><source>the lead list's tag, e.g. fair-canton-2026</source><translation>线索名单的标签，例如 fair-canton-2026</translation></message>
    <message><source>the referring partner's address</source><translation>推荐合作伙伴的地址</translation></message>
    <message><source>webform@yourcompany.com or @forms.yourcompany.com</source><translation>webform@yourcompany.com 或 @forms.yourcompany.com</translation></message>
    <message><source>{0} ({1} addresses)</source><translation>{0}（{1} 个地址）</translation></message>
</context>
</TS>

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>QuoteActions</name>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="34" />
        <source>Quote…</source>
        <translation>报价…</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="36" />
        <source>Answer the message with a quotation from a template</source>
        <translation>用模板中的报价回复此邮件</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="53" />
        <source>Quotes…</source>
        <translation>报价列表…</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="54" />
        <source>Open, expiring and expired quotes</source>
        <translation>进行中、即将到期和已过期的报价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="108" />
        <source>Quote with {0}</source>
        <translation>用“{0}”报价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="127" />
        <source>Select the message to quote first.</source>
        <translation>请先选择要报价的邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/window_controls.py" line="141" />
        <source>Quote {0} created; edit and send the reply.</source>
        <translation>已生成报价 {0}；请编辑并发送回复。</translation>
    </message>
</context>
<context>
    <name>QuotePicker</name>
    <message>
        <location filename="../../ui/quotes/picker.py" line="124" />
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="131" />
        <source>Loading templates…</source>
        <translation>正在读取模板…</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="138" />
        <source>Search templates</source>
        <translation>搜索模板</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="141" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="142" />
        <source>Quotation</source>
        <translation>报价单</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="142" />
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="143" />
        <source>Sample offer</source>
        <translation>样品报价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="143" />
        <source>Price update</source>
        <translation>价格调整</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="144" />
        <source>FAQ answer</source>
        <translation>常见问题回复</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="144" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="148" />
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="154" />
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="154" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="154" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="154" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="155" />
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="166" />
        <source>Add item</source>
        <translation>添加产品</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="167" />
        <source>Remove item</source>
        <translation>删除产品</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="172" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="180" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="182" />
        <source>Attach PDF quotation</source>
        <translation>附上 PDF 报价单</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="195" />
        <source>Create reply</source>
        <translation>生成回复</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="198" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="212" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="213" />
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="214" />
        <source>Incoterm:</source>
        <translation>贸易术语：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="215" />
        <source>Place:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="216" />
        <source>Payment terms:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="217" />
        <source>Valid for:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="218" />
        <source>Lead time:</source>
        <translation>交货期：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="225" />
        <source>Items</source>
        <translation>产品明细</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="282" />
        <source>The templates could not be loaded: {0}</source>
        <translation>无法读取模板：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="400" />
        <source>Subject: {0}</source>
        <translation>主题：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="415" />
        <source>Cannot show this quote:</source>
        <translation>无法显示此报价：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="440" />
        <source>Creating the reply…</source>
        <translation>正在生成回复…</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/picker.py" line="451" />
        <source>The reply was not created: {0}</source>
        <translation>回复未生成：{0}</translation>
    </message>
</context>
<context>
    <name>QuoteReminders</name>
    <message>
        <location filename="../../ui/quotes/reminders.py" line="51" />
        <source>Quote {0} expires on {1}</source>
        <translation>报价 {0} 将于 {1} 到期</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/reminders.py" line="54" />
        <source>Quote {0} has had no answer</source>
        <translation>报价 {0} 尚未得到回复</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/reminders.py" line="55" />
        <source>{0}, {1}: follow up with the buyer.</source>
        <translation>{0}，{1}：请跟进买家。</translation>
    </message>
</context>
<context>
    <name>QuoteSettingsTab</name>
    <message>
        <location filename="../../ui/quotes/settings_tab.py" line="36" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/settings_tab.py" line="38" />
        <source>A notification reminds you once per quote to follow up with the buyer.</source>
        <translation>每个报价只提醒一次，提示您跟进买家。</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/settings_tab.py" line="42" />
        <source>Remind before validity ends:</source>
        <translation>有效期结束前提醒：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/settings_tab.py" line="43" />
        <source>Remind when no answer after:</source>
        <translation>无回复时提醒：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/settings_tab.py" line="49" />
        <source>Quotes</source>
        <translation>报价</translation>
    </message>
</context>
<context>
    <name>QuotesView</name>
    <message>
        <location filename="../../ui/quotes/view.py" line="111" />
        <source>{0} (no answer)</source>
        <translation>{0}（未回复）</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="46" />
        <source>Quotes</source>
        <translation>报价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="49" />
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="49" />
        <source>Expiring soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="50" />
        <location filename="../../ui/quotes/view.py" line="106" />
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="50" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="55" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="55" />
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="55" />
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="55" />
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="56" />
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="56" />
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="64" />
        <source>Mark won</source>
        <translation>标记为成交</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="65" />
        <source>Mark lost</source>
        <translation>标记为未成交</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="66" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="70" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="100" />
        <source>The quotes could not be read: {0}</source>
        <translation>无法读取报价：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="104" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="104" />
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="105" />
        <source>Answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="105" />
        <source>Won</source>
        <translation>成交</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="106" />
        <source>Lost</source>
        <translation>未成交</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="109" />
        <source>{0} (expiring)</source>
        <translation>{0}（即将到期）</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="143" />
        <source>{0} of {1} quotes shown</source>
        <translation>显示 {0} / {1} 个报价</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="155" />
        <source>Select a quote first.</source>
        <translation>请先选择一个报价。</translation>
    </message>
    <message>
        <location filename="../../ui/quotes/view.py" line="172" />
        <source>Quote {0} has no draft or message here.</source>
        <translation>报价 {0} 在此没有草稿或邮件。</translation>
    </message>
</context>
</TS>
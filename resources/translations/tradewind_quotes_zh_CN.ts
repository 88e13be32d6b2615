<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>QuoteActions</name>
    <message>
        <source>Create the quote reply at once with the last template and choices</source>
        <translation>立即用上次的模板和选项创建报价回复</translation>
    </message>
    <message>
        <source>Creating the quote reply with {0}…</source>
        <translation>正在用 {0} 创建报价回复…</translation>
    </message>
    <message>
        <source>The quote reply was not created: {0}</source>
        <translation>未创建报价回复：{0}</translation>
    </message>
</context>
<context>
    <name>QuotePicker</name>
    <message>
        <source>company price list</source>
        <translation>公司价目表</translation>
    </message>
</context>
</TS>

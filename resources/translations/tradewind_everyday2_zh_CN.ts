<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReaderWindow</name>
    <message>
        <location filename="../../ui/everyday/reader_window.py" line="1" />
        <source>Cannot print this message: {0}</source>
        <translation>无法打印此邮件：{0}</translation>
    </message>
</context>
</TS>

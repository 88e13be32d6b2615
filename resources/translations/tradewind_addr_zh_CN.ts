<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SenderWarning</name>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="38" />
        <source>The sender's name contains the address {0}, but the message is from {1}.</source>
        <translation>发件人名称中含有地址 {0}，但这封邮件实际来自 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="41" />
        <source>The sender's name contains invisible or text-direction characters ({0}); they are shown as [U+…].</source>
        <translation>发件人名称中含有不可见字符或文字方向控制字符（{0}），已显示为 [U+…]。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="44" />
        <source>This message names several senders: {0}. Check who really sent it.</source>
        <translation>这封邮件列出了多个发件人：{0}。请核实真正的发件人。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="47" />
        <source>This message has no sender address (only the name {0}).</source>
        <translation>这封邮件没有发件人地址（只有名称 {0}）。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="49" />
        <source>This message has no sender address.</source>
        <translation>这封邮件没有发件人地址。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="44" />
        <source>This message has no From address; its Sender or Resent-From header names {0}.</source>
        <translation>这封邮件没有 From（发件人）地址；其 Sender 或 Resent-From 头字段写的是 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="36" />
        <source>(no sender address)</source>
        <translation>（无发件人地址）</translation>
    </message>
    <message>
        <location filename="../../ui/reader/sender_warning.py" line="40" />
        <source>The sender's name matches your contact {0}, but the message is from {1}.</source>
        <translation>发件人名称与您的联系人 {0} 相同，但这封邮件实际来自 {1}。</translation>
    </message>
</context>
</TS>

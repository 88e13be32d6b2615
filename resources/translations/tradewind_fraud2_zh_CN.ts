<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuthservBox</name>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>Trusted mail server (fraud warnings)</source>
        <translation>受信任的邮件服务器（诈骗警告）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>Only the authentication results added by this server (its authserv-id) are believed; any a sender adds are ignored.</source>
        <translation>只采信此服务器（其 authserv-id）添加的身份验证结果；发件人自行添加的一律忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>Use the default</source>
        <translation>使用默认值</translation>
    </message>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>Default: {0} (the domain of the account's IMAP server)</source>
        <translation>默认值：{0}（该账户 IMAP 服务器的域名）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>The setting could not be read or saved.</source>
        <translation>无法读取或保存此设置。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/authserv_box.py" />
        <source>Saved: Authentication-Results from {0} are trusted.</source>
        <translation>已保存：将信任来自 {0} 的 Authentication-Results。</translation>
    </message>
</context>
</TS>

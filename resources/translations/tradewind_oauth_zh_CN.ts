<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in again: {0}</source>
        <translation>重新登录：{0}</translation>
    </message>
    <message>
        <source>Your browser opens the sign-in page for {0}.
Finish the sign-in there; Tradewind waits up to 5 minutes.
Nothing waiting to be sent is lost.</source>
        <translation>浏览器将打开 {0} 的登录页面。
请在浏览器中完成登录；Tradewind 最多等待 5 分钟。
待发送的邮件不会丢失。</translation>
    </message>
    <message>
        <source>The sign-in did not work:
{0}</source>
        <translation>登录未成功：
{0}</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>sign-in expired — click “Sign in again…”</source>
        <translation>登录已过期 — 请点击“重新登录…”</translation>
    </message>
</context>
<context>
    <name>SyncControls</name>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
</context>
<context>
    <name>SafeLogin</name>
    <message>
        <source>QQ Mail's safe login needs an authorization code (授权码) instead of your QQ password: in QQ Mail on the web open Settings → Account, turn on the IMAP/SMTP service, choose "Generate authorization code" and enter that 16-character code as the password here.</source>
        <translation>QQ 邮箱的安全登录要求在客户端使用授权码，而不是 QQ 密码：请在网页版 QQ 邮箱中打开“设置 → 账户”，开启 IMAP/SMTP 服务，点击“生成授权码”，然后在这里把 16 位授权码当作密码输入。</translation>
    </message>
    <message>
        <source>Tencent Exmail's safe login needs a client-only password (客户端专用密码) instead of your web password: in Exmail on the web open Settings → Client settings (or WeChat binding → Security), generate a client-only password and enter it here.</source>
        <translation>腾讯企业邮开启安全登录后，客户端须使用客户端专用密码，而不是网页登录密码：请在网页版企业邮“设置 → 客户端设置”（或“微信绑定 → 安全登录”）中生成客户端专用密码，并在这里输入。</translation>
    </message>
    <message>
        <source>NetEase Mail (163/126) needs a client authorization code (授权码) instead of your web password: in the web mail open Settings → POP3/SMTP/IMAP, turn on IMAP/SMTP, add an authorization code and enter it here.</source>
        <translation>网易邮箱（163/126）要求客户端使用授权码，而不是网页登录密码：请在网页版邮箱“设置 → POP3/SMTP/IMAP”中开启 IMAP/SMTP 服务并新增授权码，然后在这里输入授权码。</translation>
    </message>
    <message>
        <source>NetEase Qiye's safe login needs a client authorization code (客户端授权码) instead of your web password: in the web mail open Settings → Client settings, turn on the client authorization code and enter it here.</source>
        <translation>网易企业邮箱开启安全登录后，客户端须使用客户端授权码，而不是网页登录密码：请在网页版“设置 → 客户端设置”中开启并生成客户端授权码，然后在这里输入。</translation>
    </message>
    <message>
        <source>Alibaba Mail's safe login needs a client-only password (客户端专用密码) instead of your web password: in Alibaba Mail on the web open Settings → Account and security → Client-only password, generate one and enter it here.</source>
        <translation>阿里邮箱开启安全登录后，客户端须使用客户端专用密码（三方客户端安全密码），而不是网页登录密码：请在网页版阿里邮箱“设置 → 账户与安全 → 客户端专用密码”中生成，并在这里输入。</translation>
    </message>
</context>
<context>
    <name>AccountWizard</name>
    <message>
        <source>Sign in with {0}</source>
        <translation>使用 {0} 登录</translation>
    </message>
    <message>
        <source>Waiting for the sign-in in your browser…</source>
        <translation>正在等待您在浏览器中完成登录…</translation>
    </message>
    <message>
        <source>The sign-in did not work.</source>
        <translation>登录未成功。</translation>
    </message>
</context>
</TS>

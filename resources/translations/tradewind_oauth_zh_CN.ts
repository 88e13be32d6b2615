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
</TS>

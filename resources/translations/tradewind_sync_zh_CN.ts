<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/sync/password_dialog.py" line="26"/>
        <source>Password for {0}</source>
        <translation>{0} 的密码</translation>
    </message>
    <message>
        <location filename="../../ui/sync/password_dialog.py" line="29"/>
        <source>The mail server refused the saved password for {0}.
Enter the current password; it is kept in the system keyring only.</source>
        <translation>邮件服务器拒绝了 {0} 的已保存密码。
请输入正确的密码，它只会保存在系统钥匙串中。</translation>
    </message>
</context>
<context>
    <name>SyncControls</name>
    <message>
        <location filename="../../ui/sync/window_controls.py" line="31"/>
        <source>Send/Receive</source>
        <translation>发送/接收</translation>
    </message>
    <message>
        <location filename="../../ui/sync/window_controls.py" line="33"/>
        <source>Send queued mail and check every account now (F5)</source>
        <translation>立即发送待发邮件并检查所有账户 (F5)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/window_controls.py" line="77"/>
        <source>%n queued message(s) sent.</source>
        <translation>
            <numerusform>已发送 %n 封待发邮件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/window_controls.py" line="80"/>
        <source>The outbox could not send yet: {0}</source>
        <translation>发件箱暂时无法发送：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/window_controls.py" line="127"/>
        <source>Enter password…</source>
        <translation>输入密码…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/window_controls.py" line="129"/>
        <source>Account settings…</source>
        <translation>账户设置…</translation>
    </message>
</context>
<context>
    <name>SyncDriver</name>
    <message>
        <location filename="../../ui/sync/driver.py" line="112"/>
        <source>Read-only: another Tradewind{0} is syncing this profile; mail is not fetched here until it closes.</source>
        <extracomment>account id, SyncReport — after every job (from a worker thread, queued to the GUI) account id, AfterSyncReport — the outbox flush after a successful sync the line shown for all accounts changed</extracomment>
        <translation>只读：另一个 Tradewind{0} 正在同步此配置；它关闭之前，这里不会收取邮件。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>Online — syncing</source>
        <translation>在线 — 正在同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>Offline — showing the local cache</source>
        <translation>离线 — 显示本地缓存</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>password refused — click “Enter password…”</source>
        <translation>密码被拒绝 — 请点击“输入密码…”</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>no saved password — click “Enter password…”</source>
        <translation>没有保存的密码 — 请点击“输入密码…”</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>server certificate not trusted — check it in the account settings</source>
        <translation>服务器证书不受信任 — 请在账户设置中检查</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>Error: {0}</source>
        <translation>错误：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/status.py" line="38" />
        <source>No account yet</source>
        <translation>尚无账户</translation>
    </message>
</context>
</TS>

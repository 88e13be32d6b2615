<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountWizard</name>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="65" />
        <source>Add an e-mail account</source>
        <extracomment>a background step finished (tests wait on it): "found", "tested", "failed"</extracomment>
        <translation>添加邮箱账户</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="72" />
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="74" />
        <location filename="../../ui/wizard/dialog.py" line="219" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="77" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="91" />
        <source>Enter your e-mail address and password. Tradewind looks up the server settings for you; the password is kept in your system's keyring, never in Tradewind's files.</source>
        <translation>请输入您的邮箱地址和密码。Tradewind 会为您查找服务器设置；密码只保存在系统的密钥环中，绝不会写入 Tradewind 的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="96" />
        <source>e.g. Mei Lin</source>
        <translation>例如：林梅</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="98" />
        <source>you@company.com</source>
        <translation>you@company.com</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="101" />
        <source>Enter server settings myself…</source>
        <translation>手动填写服务器设置…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="106" />
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="107" />
        <source>E-mail address:</source>
        <translation>邮箱地址：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="108" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="128" />
        <source>usually your e-mail address</source>
        <translation>通常就是您的邮箱地址</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="131" />
        <source>Incoming (IMAP) server:</source>
        <translation>收件 (IMAP) 服务器：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="133" />
        <source>Incoming security:</source>
        <translation>收件加密方式：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="134" />
        <source>Outgoing (SMTP) server:</source>
        <translation>发件 (SMTP) 服务器：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="136" />
        <source>Outgoing security:</source>
        <translation>发件加密方式：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="137" />
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="160" />
        <source>Trust this certificate</source>
        <translation>信任此证书</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="162" />
        <source>Test again</source>
        <translation>重新测试</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="164" />
        <source>Change server settings</source>
        <translation>修改服务器设置</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="195" />
        <source>SSL/TLS (recommended)</source>
        <translation>SSL/TLS（推荐）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="196" />
        <source>STARTTLS (TLS required)</source>
        <translation>STARTTLS（必须加密）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="221" />
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="223" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="246" />
        <source>Enter your full e-mail address, e.g. mei.lin@company.com.</source>
        <translation>请输入完整的邮箱地址，例如 mei.lin@company.com。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="248" />
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="261" />
        <source>Looking up the settings for {0}…</source>
        <translation>正在查找 {0} 的设置…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="273" />
        <source>No settings were found for {0}. Enter the servers your provider or IT department gave you.</source>
        <translation>没有找到 {0} 的设置。请填写邮箱服务商或 IT 部门提供的服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="279" />
        <source>Settings found for {0}. Change them only if your provider told you other ones.</source>
        <translation>已找到 {0} 的设置。除非服务商给了您其他设置，否则无需修改。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="320" />
        <source>Enter both server names.</source>
        <translation>请填写收件和发件服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="332" />
        <source>Testing the connection to {0}…</source>
        <translation>正在测试与 {0} 的连接…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="343" />
        <source>Testing the connection again…</source>
        <translation>正在重新测试连接…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="356" />
        <source>Sending could not be checked: {0}
Messages you send wait in the outbox until the outgoing server accepts them; you can fix its settings later.</source>
        <translation>无法检查发件服务器：{0}
您发送的邮件会留在发件箱中，直到发件服务器接收为止；您可以稍后修改它的设置。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="360" />
        <source>Connected. Your account is ready.</source>
        <translation>连接成功，账户已可以使用。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="352" />
        <source>Logged in to {0}:{1}. Press Finish to start reading your mail.</source>
        <translation>已登录 {0}:{1}。点击“完成”开始收发邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="372" />
        <source>The server's certificate is not trusted by this computer.</source>
        <translation>这台电脑不信任该服务器的证书。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="373" />
        <source>The server refused the password (or the user name).</source>
        <translation>服务器拒绝了密码（或用户名）。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="374" />
        <source>The server cannot be reached.</source>
        <translation>无法连接到服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="375" />
        <source>The server did not follow the rules of a secure connection.</source>
        <translation>服务器没有遵守安全连接的规则。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="376" />
        <source>The account cannot be added.</source>
        <translation>无法添加该账户。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="379" />
        <source>Trust it only if your IT department confirms this exact fingerprint. Tradewind will then accept this certificate, and no other, for this account.</source>
        <translation>只有在 IT 部门确认了这个指纹完全一致时才信任它。之后 Tradewind 对这个账户只接受这一张证书。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="382" />
        <source>Check the password (and, under server settings, the user name). Some providers need an app password.</source>
        <translation>请检查密码（以及服务器设置中的用户名）。有些邮箱服务商需要使用“应用专用密码”。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="384" />
        <source>Check the server name and port and your internet connection.</source>
        <translation>请检查服务器名称、端口以及网络连接。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="391" />
        <source>The connection failed.</source>
        <translation>连接失败。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="399" />
        <source>SHA-256 fingerprint:
{0}</source>
        <translation>SHA-256 指纹：
{0}</translation>
    </message>
</context>
<context>
    <name>AppSettingsDialog</name>
    <message>
        <location filename="../../ui/settings/dialog.py" line="98" />
        <source>Settings</source>
        <extracomment>the rep asked to add an account (the owner opens the wizard, then calls reload())</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="101" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="102" />
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="103" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="106" />
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="126" />
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="131" />
        <source>Closing the window keeps Tradewind in the tray</source>
        <translation>关闭窗口时将 Tradewind 保留在托盘中</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="134" />
        <source>Follow the system (light or dark)</source>
        <translation>跟随系统（浅色或深色）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="135" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="136" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="138" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="139" />
        <source>Appearance:</source>
        <translation>外观：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="146" />
        <source>Add account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="148" />
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="167" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="169" />
        <source>Attachments larger than the cache size are downloaded when you open them. Servers that support IDLE deliver new mail at once; the interval applies to the others.</source>
        <translation>超过缓存大小的附件会在打开时再下载。支持 IDLE 的服务器会立即推送新邮件；检查间隔只适用于其他服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="174" />
        <source>Attachment cache:</source>
        <translation>附件缓存：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="175" />
        <source>Check for mail every:</source>
        <translation>检查新邮件间隔：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="187" />
        <source>No company signature policy is configured for this profile, so there is nothing to fill in here.</source>
        <translation>此配置文件没有设置公司签名策略，因此这里没有需要填写的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="193" />
        <source>Your company sets the signature. You may fill in these values for each sending address:</source>
        <translation>签名由公司统一设置。您可以为每个发件地址填写以下信息：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="209" />
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="209" />
        <source>Job title:</source>
        <translation>职位：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="210" />
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="210" />
        <source>Company:</source>
        <translation>公司：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="211" />
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="211" />
        <source>Mobile:</source>
        <translation>手机：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="211" />
        <source>Fax:</source>
        <translation>传真：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="212" />
        <source>Website:</source>
        <translation>网站：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="212" />
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="213" />
        <source>LinkedIn:</source>
        <translation>LinkedIn：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="213" />
        <source>WhatsApp:</source>
        <translation>WhatsApp：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="214" />
        <source>WeChat:</source>
        <translation>微信：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="232" />
        <source>{0} — demo account (no server)</source>
        <translation>{0} — 演示账户（无服务器）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="255" />
        <source>Remove account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="256" />
        <source>Remove {0} from Tradewind? Its cached mail, unsent messages and saved password are deleted from this computer; the mail on the server stays.</source>
        <translation>要从 Tradewind 中删除 {0} 吗？这台电脑上缓存的邮件、未发送的邮件和保存的密码都会被删除；服务器上的邮件不受影响。</translation>
    </message>
</context>
<context>
    <name>ComposerWindow</name>
    <message>
        <location filename="../../ui/composer/window.py" line="89" />
        <location filename="../../ui/composer/window.py" line="251" />
        <source>New message</source>
        <extracomment>the prefilled fields are shown a save finished (the draft id) the message is durably in the outbox (QueuedMessage) the outbox flush after sending finished (FlushReport | None)</extracomment>
        <translation>新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="107" />
        <source>From:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="108" />
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="109" />
        <source>Cc:</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="110" />
        <source>Bcc:</source>
        <translation>密送：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="111" />
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="114" />
        <source>Write your message here…</source>
        <translation>在此输入邮件内容…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="117" />
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="118" />
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="119" />
        <source>Bullets</source>
        <translation>项目符号</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="120" />
        <source>Numbering</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="121" />
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="123" />
        <source>Attach…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="125" />
        <source>Company signature (set by your company; it cannot be edited here)</source>
        <translation>公司签名（由公司统一设置，此处不可编辑）</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="138" />
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="147" />
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="154" />
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="156" />
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="227" />
        <source>There is no account to send from yet: add one first (File → Add account…).</source>
        <translation>还没有可用于发送的账户：请先添加一个（文件 → 添加账户…）。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="287" />
        <source>Company signature: {0}</source>
        <translation>公司签名：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="292" />
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="304" />
        <source>Attaching…</source>
        <translation>正在添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="348" />
        <source>Insert link</source>
        <translation>插入链接</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="349" />
        <source>Address (https://… or mailto:…):</source>
        <translation>地址（https://… 或 mailto:…）：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="404" />
        <source>Draft saved</source>
        <translation>草稿已保存</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="416" />
        <source>The draft could not be saved: {0}</source>
        <translation>草稿无法保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="423" />
        <source>Discard message</source>
        <translation>放弃邮件</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="424" />
        <source>Discard this message? Its draft is deleted.</source>
        <translation>要放弃这封邮件吗？它的草稿会被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="453" />
        <source>Queueing…</source>
        <translation>正在放入发件箱…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="482" />
        <source>Not sent: {0}</source>
        <translation>未发送：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="496" />
        <source>Saving the draft before closing…</source>
        <translation>正在保存草稿，然后关闭…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" />
        <source>en</source>
        <comment>the language code of this translation (en, zh_CN)</comment>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>MainWindowHooks</name>
    <message>
        <location filename="../../ui/mainwindow/account_commands.py" line="32" />
        <source>Add account…</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" line="57" />
        <source>The message waits in the outbox until the account can send.</source>
        <translation>邮件留在发件箱中，等账户可以发送时再发出。</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" line="61" />
        <source>Not sent yet; it stays in the outbox: {0}</source>
        <translation>尚未发送，邮件仍在发件箱中：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" line="63" />
        <source>the server asked to try again later</source>
        <translation>服务器要求稍后重试</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" line="66" />
        <source>Message sent.</source>
        <translation>邮件已发送。</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" />
        <source>Edit draft</source>
        <translation>编辑草稿</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" />
        <source>Continue writing the selected draft in the composer</source>
        <translation>在撰写窗口中继续编写所选草稿</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" />
        <source>Local drafts…</source>
        <translation>本地草稿…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" />
        <source>Drafts saved on this computer, also those not yet on the server</source>
        <translation>保存在本机的草稿，包括尚未保存到服务器的草稿</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" />
        <source>Select one draft first.</source>
        <translation>请先选择一封草稿。</translation>
    </message>
</context>
<context>
    <name>LocalDraftsDialog</name>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Local drafts</source>
        <translation>本地草稿</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Server copy</source>
        <translation>服务器副本</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Saved to the server</source>
        <translation>已保存到服务器</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Only on this computer</source>
        <translation>仅在本机</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>Double-click a draft to continue writing it.</source>
        <translation>双击草稿即可继续编写。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>There are no drafts on this computer.</source>
        <translation>本机没有草稿。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/drafts_dialog.py" />
        <source>The drafts could not be read: {0}</source>
        <translation>无法读取草稿：{0}</translation>
    </message>
</context>
</TS>
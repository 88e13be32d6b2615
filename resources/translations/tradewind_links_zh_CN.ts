<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComposerWindow</name>
    <message>
        <location filename="../../ui/composer/window.py" line="258" />
        <source>No longer on this computer or changed since the draft was saved, so not sent: {0}. Add them again to send them.</source>
        <translation>以下文件已不在本机，或在保存草稿后被修改，因此不会发送：{0}。如需发送，请重新添加。</translation>
    </message>
</context>
<context>
    <name>LinkOffer</name>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="57" />
        <source>{0}: sent as download links, as your company's policy asks for files over {1} MB. The message waits in the outbox until the upload is done.</source>
        <translation>{0}：按公司政策，超过 {1} MB 的文件以下载链接发送。上传完成之前，邮件会留在发件箱中。</translation>
    </message>
</context>
<context>
    <name>LinkPasswordBox</name>
    <message>
        <location filename="../../ui/composer/link_password.py" line="34" />
        <source>Protect the links with a password</source>
        <translation>用密码保护链接</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_password.py" line="39" />
        <source>I send the password to the recipients separately</source>
        <translation>我另行把密码发给收件人</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_password.py" line="41" />
        <source>Put the password in the message</source>
        <translation>把密码写在邮件中</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_password.py" line="64" />
        <source>Your company requires a password on shared links.</source>
        <translation>公司要求共享链接必须设置密码。</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Progress or reason</source>
        <translation>进度或原因</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>The outbox is empty: every message was sent.</source>
        <translation>发件箱为空：所有邮件都已发出。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Cancel sending</source>
        <translation>取消发送</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Uploading its files</source>
        <translation>正在上传文件</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Sent, not yet in Sent</source>
        <translation>已发送，尚未存入“已发送”</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>May have been sent</source>
        <translation>可能已发送</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/view.py" line="1" />
        <source>{0:.1f} of {1:.1f} MB</source>
        <translation>{0:.1f} / {1:.1f} MB</translation>
    </message>
</context>
<context>
    <name>OutboxController</name>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Outbox ({0})</source>
        <translation>发件箱（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>The outbox could not be read: {0}</source>
        <translation>无法读取发件箱：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>The message was sent.</source>
        <translation>邮件已发出。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Not sent yet: its large files are still uploading or the upload failed ({0}). It stays in the outbox.</source>
        <translation>尚未发出：大文件仍在上传或上传失败（{0}）。邮件留在发件箱中。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Not sent: {0}. It stays in the outbox.</source>
        <translation>未发出：{0}。邮件留在发件箱中。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>waiting for the server</source>
        <translation>正在等待服务器</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Not sent now: the server cannot be reached or the password is missing; it will be sent with the next sync.</source>
        <translation>现在未发送：无法连接服务器或缺少密码；将在下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Back in the drafts: change it, then send it.</source>
        <translation>已退回草稿：修改后再发送。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Cancel sending</source>
        <translation>取消发送</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Cancel this message? It is removed from the outbox and the files uploaded for it are deleted from the storage.</source>
        <translation>取消这封邮件吗？它会从发件箱中移除，为它上传的文件也会从存储中删除。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>Cancelled; the message was removed from the outbox.</source>
        <translation>已取消；邮件已从发件箱中移除。</translation>
    </message>
    <message>
        <location filename="../../ui/outbox/controller.py" line="1" />
        <source>The storage could not be cleaned up: {0}</source>
        <translation>无法清理存储：{0}</translation>
    </message>
</context>
</TS>

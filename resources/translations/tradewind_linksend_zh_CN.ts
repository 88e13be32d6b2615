<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LinkOffer</name>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="29" />
        <source>Send as a link</source>
        <translation>以链接发送</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="30" />
        <source>Attach anyway</source>
        <translation>仍作为附件</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="43" />
        <source>{0}: too large to attach well (over the link size, or more than the mail server accepts). Send as a download link? The message waits in the outbox until the upload is done.</source>
        <translation>{0}：文件太大，不宜作为附件（超过链接大小，或超出邮件服务器的限制）。要以下载链接发送吗？上传完成之前，邮件会留在发件箱中。</translation>
    </message>
</context>
<context>
    <name>UploadProgress</name>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="78" />
        <source>about {0} s left</source>
        <translation>约剩 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="79" />
        <source>time left unknown</source>
        <translation>剩余时间未知</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="80" />
        <source>Uploading {0:.1f} of {1:.1f} MB, {2:.1f} MB/s, {3}</source>
        <translation>正在上传：{0:.1f} / {1:.1f} MB，{2:.1f} MB/秒，{3}</translation>
    </message>
</context>
<context>
    <name>ComposerWindow</name>
    <message>
        <location filename="../../ui/composer/window.py" line="505" />
        <source>Uploading the files sent as links…</source>
        <translation>正在上传以链接发送的文件…</translation>
    </message>
    <message>
        <location filename="../../ui/composer/window.py" line="355" />
        <source>{0} (sent as a download link)</source>
        <translation>{0}（以下载链接发送）</translation>
    </message>
</context>
</TS>

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>InvitationCard</name>
        <message>
            <location filename="../../ui/reader/invitation.py" line="68" />
            <source>Save calendar data</source>
            <translation>保存日历数据</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="68" />
            <source>Calendar files (*.ics)</source>
            <translation>日历文件 (*.ics)</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="77" />
            <source>Join online meeting</source>
            <translation>加入在线会议</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="80" />
            <source>Accept</source>
            <translation>接受</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="81" />
            <source>Tentative</source>
            <translation>暂定</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="82" />
            <source>Decline</source>
            <translation>拒绝</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="86" />
            <source>Add to calendar</source>
            <translation>添加到日历</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="88" />
            <source>Save .ics file…</source>
            <translation>保存 .ics 文件…</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="135" />
            <source>Invitation: could not read calendar data.</source>
            <translation>邀请：无法读取日历数据。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="136" />
            <source>The message is shown as it is; you can save the raw calendar file.</source>
            <translation>邮件按原样显示；您可以保存原始日历文件。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="141" />
            <location filename="../../ui/reader/invitation.py" line="166" />
            <source>(no title)</source>
            <translation>（无标题）</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="143" />
            <source>Meeting cancelled: {0}</source>
            <translation>会议已取消：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="145" />
            <source>Answer to your meeting: {0}</source>
            <translation>对您会议的答复：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="147" />
            <source>Invitation: {0}</source>
            <translation>邀请：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="150" />
            <source>Your time: {0}</source>
            <translation>您的时间：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="154" />
            <source>Organizer's time: {0}</source>
            <translation>组织者的时间：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="158" />
            <source>The time of this meeting cannot be read.</source>
            <translation>无法读取此会议的时间。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="163" />
            <source>Organizer: {0}</source>
            <translation>组织者：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="165" />
            <source>Overlaps with: {0}</source>
            <translation>与以下日程冲突：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="182" />
            <source>Not from the organizer: shown, not applied.</source>
            <translation>并非来自组织者：仅显示，未应用。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="184" />
            <source>Shown, not applied.</source>
            <translation>仅显示，未应用。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="187" />
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="188" />
            <source>Cancelled by the organizer.</source>
            <translation>组织者已取消。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="190" />
            <source>Updated by the organizer.</source>
            <translation>组织者已更新。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="192" />
            <source>You accepted.</source>
            <translation>您已接受。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="194" />
            <source>You answered tentatively.</source>
            <translation>您已暂定。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="196" />
            <source>You declined.</source>
            <translation>您已拒绝。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="198" />
            <source>In your calendar.</source>
            <translation>已在您的日历中。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="222" />
            <source>Sending your answer…</source>
            <translation>正在发送您的答复…</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="230" />
            <source>Accepted: your answer is in the outbox.</source>
            <translation>已接受：您的答复已放入发件箱。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="231" />
            <source>Tentative: your answer is in the outbox.</source>
            <translation>暂定：您的答复已放入发件箱。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="232" />
            <source>Declined: your answer is in the outbox.</source>
            <translation>已拒绝：您的答复已放入发件箱。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="254" />
            <source>Added to your calendar.</source>
            <translation>已添加到您的日历。</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="256" />
            <source>Not added: {0}</source>
            <translation>未添加：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="262" />
            <source>Not done: {0}</source>
            <translation>未完成：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="274" />
            <source>Not saved: {0}</source>
            <translation>未保存：{0}</translation>
        </message>
        <message>
            <location filename="../../ui/reader/invitation.py" line="276" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
    </context>
</TS>
<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="60" />
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="69" />
        <source>Import calendar file</source>
        <translation>导入日历文件</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="69" />
        <location filename="../../ui/meetings/calendar_view.py" line="72" />
        <source>Calendar files (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="71" />
        <source>Export the calendar</source>
        <translation>导出日历</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="75" />
        <source>When (your time)</source>
        <translation>时间（您的时区）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="75" />
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="76" />
        <source>Organizer's time</source>
        <translation>组织者的时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="76" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="87" />
        <source>Agenda</source>
        <translation>日程</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="88" />
        <source>Week</source>
        <translation>周视图</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="94" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="101" />
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="103" />
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="105" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="107" />
        <source>Import .ics…</source>
        <translation>导入 .ics…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="109" />
        <source>Export .ics…</source>
        <translation>导出 .ics…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="111" />
        <source>Sync calendar</source>
        <translation>同步日历</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="113" />
        <source>Set a CalDAV server with `tradewind calendar server` first</source>
        <translation>请先用 `tradewind calendar server` 设置 CalDAV 服务器</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="171" />
        <source>Week of {0} — times in {1}</source>
        <translation>{0} 这一周 — 时间按{1}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="186" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="187" />
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="187" />
        <source>tentative</source>
        <translation>暂定</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="188" />
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="189" />
        <source>not answered</source>
        <translation>未答复</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="237" />
        <source>Could not read the calendar: {0}</source>
        <translation>无法读取日历：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="250" />
        <source>Choose an entry to see its details.</source>
        <translation>选择一个日程查看详情。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="257" />
        <source>Your time: {0}</source>
        <translation>您的时间：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="263" />
        <source>Organizer's time: {0}</source>
        <translation>组织者的时间：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="267" />
        <source>Organizer: {0}</source>
        <translation>组织者：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="269" />
        <source>Location: {0}</source>
        <translation>地点：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="271" />
        <source>Link: {0}</source>
        <translation>链接：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="273" />
        <source>Repeats: {0}</source>
        <translation>重复：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="275" />
        <source>This occurrence was changed by the organizer.</source>
        <translation>组织者已更改这一次会议。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="278" />
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="280" />
        <source>The calendar server has another version of this entry.</source>
        <translation>日历服务器上有这个日程的另一个版本。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="286" />
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="286" />
        <source>every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="287" />
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="287" />
        <source>every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="290" />
        <source>{0}, interval {1}</source>
        <translation>{0}，间隔 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="292" />
        <source>{0} times</source>
        <translation>共 {0} 次</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="299" />
        <source>Delete “{0}” from your calendar?</source>
        <translation>从日历中删除“{0}”？</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="301" />
        <source>Every occurrence of this repeating entry goes.</source>
        <translation>这个重复日程的每一次都会被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="302" />
        <source>Delete entry</source>
        <translation>删除日程</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="316" />
        <source>Deleted. The next calendar sync removes it from the server too.</source>
        <translation>已删除。下次同步日历时也会从服务器上删除。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="331" />
        <source>Nothing was imported: {0}</source>
        <translation>未导入任何内容：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="335" />
        <source>{0} entries imported.</source>
        <translation>已导入 {0} 个日程。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="337" />
        <source>Not imported: {0}</source>
        <translation>未导入：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="347" />
        <source>{0} entries written to {1}.</source>
        <translation>已将 {0} 个日程写入 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="349" />
        <source>The calendar was not exported: {0}</source>
        <translation>日历未导出：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="354" />
        <source>Syncing the calendar…</source>
        <translation>正在同步日历…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="362" />
        <source>Calendar synced: {0} sent, {1} received.</source>
        <translation>日历已同步：发送 {0} 个，接收 {1} 个。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_view.py" line="369" />
        <source>The calendar was not synced: {0}</source>
        <translation>日历未同步：{0}</translation>
    </message>
</context>
<context>
    <name>HoursModel</name>
    <message>
        <location filename="../../ui/meetings/grid_view.py" line="75" />
        <source>at work</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/grid_view.py" line="75" />
        <source>outside working hours</source>
        <translation>工作时间以外</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/grid_view.py" line="76" />
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/grid_view.py" line="76" />
        <source>public holiday</source>
        <translation>公共假日</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="61" />
        <source>Meeting invitation</source>
        <translation>会议邀请</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="63" />
        <source>What the meeting is about</source>
        <translation>会议主题</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="78" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="80" />
        <source>Does not repeat</source>
        <translation>不重复</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="80" />
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="81" />
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="81" />
        <source>Every two weeks</source>
        <translation>每两周</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="82" />
        <source>Every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="87" />
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="106" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="107" />
        <source>Attendees</source>
        <translation>参会人</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="108" />
        <source>Start ({0})</source>
        <translation>开始（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="109" />
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="110" />
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="111" />
        <source>Online meeting link</source>
        <translation>在线会议链接</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="112" />
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="115" />
        <source>Send invitation</source>
        <translation>发送邀请</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="117" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="135" />
        <source>{0}: from {1} the meeting is at {2} instead of {3} (a clock change)</source>
        <translation>{0}：从 {1} 起会议时间为 {2}，不再是 {3}（夏令时调整）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="136" />
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="147" />
        <source>Give the meeting a title.</source>
        <translation>请填写会议标题。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="152" />
        <source>Add at least one attendee.</source>
        <translation>请至少添加一位参会人。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="171" />
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/invite_dialog.py" line="182" />
        <source>The invitation was not sent: {0}</source>
        <translation>邀请未发送：{0}</translation>
    </message>
</context>
<context>
    <name>MeetingsController</name>
    <message>
        <location filename="../../ui/meetings/controller.py" line="56" />
        <source>New meeting…</source>
        <translation>新建会议…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="56" />
        <source>Plan a meeting across time zones and invite</source>
        <translation>跨时区安排会议并发送邀请</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="59" />
        <source>Plan a meeting with these people…</source>
        <translation>与这些人安排会议…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="60" />
        <source>Plan a meeting with the sender and recipients of this message</source>
        <translation>与这封邮件的发件人和收件人安排会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="63" />
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="63" />
        <source>Your agenda and week</source>
        <translation>您的日程和周视图</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="66" />
        <source>Import .ics…</source>
        <translation>导入 .ics…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="66" />
        <source>Add the events of a calendar file</source>
        <translation>添加日历文件中的日程</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="69" />
        <source>Export .ics…</source>
        <translation>导出 .ics…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="69" />
        <source>Write your calendar to a file</source>
        <translation>将日历写入文件</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="72" />
        <source>Sync calendar</source>
        <translation>同步日历</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="72" />
        <source>Send and receive calendar changes (CalDAV)</source>
        <translation>发送和接收日历更改（CalDAV）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="75" />
        <source>Your time zone…</source>
        <translation>您的时区…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="76" />
        <source>The zone your calendar, invitations and planner use</source>
        <translation>日历、邀请和会议规划使用的时区</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="77" />
        <source>&amp;Calendar</source>
        <translation>日历(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="127" />
        <source>Your time zone</source>
        <translation>您的时区</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="128" />
        <source>Zone such as Asia/Shanghai (empty: this computer's zone)</source>
        <translation>时区，例如 Asia/Shanghai（留空：使用本机时区）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/controller.py" line="139" />
        <source>Your time zone: {0}</source>
        <translation>您的时区：{0}</translation>
    </message>
</context>
<context>
    <name>PlannerDialog</name>
    <message>
        <location filename="../../ui/meetings/planner.py" line="81" />
        <source>Plan a meeting</source>
        <translation>安排会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="94" />
        <source>Attendee</source>
        <translation>参会人</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="94" />
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="94" />
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="95" />
        <source>Zone from</source>
        <translation>时区来源</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="102" />
        <source>Add an attendee from the address book</source>
        <translation>从通讯录添加参会人</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="104" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="106" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="116" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="119" />
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="120" />
        <source>30 minutes</source>
        <translation>30 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="127" />
        <source>◀ Previous day</source>
        <translation>◀ 前一天</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="129" />
        <source>Next day ▶</source>
        <translation>后一天 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="139" />
        <source>Invite…</source>
        <translation>邀请…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="142" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="160" />
        <source>From</source>
        <translation>起始日</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="161" />
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="162" />
        <source>Step</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="179" />
        <source>Suggested times (best first)</source>
        <translation>建议时间（最佳在前）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="206" />
        <location filename="../../ui/meetings/planner.py" line="287" />
        <source>Times in your zone: {0}</source>
        <translation>时间按您的时区：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="208" />
        <location filename="../../ui/meetings/planner.py" line="356" />
        <location filename="../../ui/meetings/planner.py" line="377" />
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="222" />
        <source>remembered</source>
        <translation>已记住</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="223" />
        <source>given</source>
        <translation>已指定</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="224" />
        <source>guessed from their mail's times</source>
        <translation>根据对方邮件的时间推测</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="225" />
        <source>guessed from the country domain</source>
        <translation>根据国家域名推测</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="226" />
        <source>your zone (no guess)</source>
        <translation>您的时区（无法推测）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="227" />
        <source>your zone</source>
        <translation>您的时区</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="308" />
        <source>Working hours must look like 09:00-18:00</source>
        <translation>工作时间的格式应为 09:00-18:00</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="328" />
        <source>Planning…</source>
        <translation>正在规划…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="359" />
        <source>weekend {0}</source>
        <translation>周末 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="367" />
        <source>inside everyone's hours</source>
        <translation>全员工作时间内</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="368" />
        <source>{0} outside their hours</source>
        <translation>{0} 人在工作时间以外</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="372" />
        <source>inside hours</source>
        <translation>工作时间内</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="372" />
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="373" />
        <source>public holiday</source>
        <translation>公共假日</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="374" />
        <source>before working hours</source>
        <translation>上班前</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="375" />
        <source>after working hours</source>
        <translation>下班后</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="393" />
        <source>Start: {0}</source>
        <translation>开始：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="428" />
        <source>Invitation sent; the meeting is in your calendar.</source>
        <translation>邀请已发送，会议已加入您的日历。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="430" />
        <source>Invitation queued; it is sent at the next sync. The meeting is in your calendar.</source>
        <translation>邀请已排队，将在下次同步时发送。会议已加入您的日历。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="433" />
        <source>Invitation queued; it waits in the outbox: {0}</source>
        <translation>邀请已排队，正在发件箱中等待：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/planner.py" line="437" />
        <source>Could not plan: {0}</source>
        <translation>无法规划：{0}</translation>
    </message>
</context>
</TS>
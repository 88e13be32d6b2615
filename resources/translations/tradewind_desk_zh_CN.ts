<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BuyerTimeLabel</name>
    <message><source>Mon</source><translation>周一</translation></message>
    <message><source>Tue</source><translation>周二</translation></message>
    <message><source>Wed</source><translation>周三</translation></message>
    <message><source>Thu</source><translation>周四</translation></message>
    <message><source>Fri</source><translation>周五</translation></message>
    <message><source>Sat</source><translation>周六</translation></message>
    <message><source>Sun</source><translation>周日</translation></message>
    <message><source>Their time: {0} {1} ({2})</source><translation>对方时间：{0} {1} ({2})</translation></message>
    <message><source>outside working hours, public holiday: {0}</source><translation>非工作时间，公共假日：{0}</translation></message>
    <message><source>outside working hours, weekend</source><translation>非工作时间，周末</translation></message>
    <message><source>outside working hours</source><translation>非工作时间</translation></message>
    <message><source>{0}, {1}</source><translation>{0}，{1}</translation></message>
</context>
</TS>

+++
name = "follow-up"
lang = "zh"
category = "follow-up"
title = "跟进"
subject = "跟进报价{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="zh">
<p>{% if buyer.gender == 'f' and buyer.last_name %}尊敬的{{ buyer.last_name }}女士：{% elif buyer.gender == 'm' and buyer.last_name %}尊敬的{{ buyer.last_name }}先生：{% elif buyer.name %}尊敬的{{ buyer.name }}：{% else %}尊敬的客户：{% endif %}</p>
<p>特此跟进我司{% if inquiry.date %}针对您{{ inquiry.date|date }}询价{% endif %}所发送的报价{% if quote.number %}（编号 {{ quote.number }}）{% endif %}，不知您是否已审阅？</p>
<p>如您对规格、数量或条款有任何疑问，或希望我们调整报价，我很乐意为您提供帮助。</p>
{% if quote.valid_until %}
<p>谨提醒，本报价有效期至{{ quote.valid_until|date }}。</p>
{% endif %}
<p>期待您的回复。</p>
<p>顺祝商祺！</p>
</div>
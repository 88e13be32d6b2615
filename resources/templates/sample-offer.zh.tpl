+++
name = "sample-offer"
lang = "zh"
category = "sample-offer"
title = "样品"
subject = "样品提供{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="zh">
<p>{% if buyer.gender == 'f' and buyer.last_name %}尊敬的{{ buyer.last_name }}女士：{% elif buyer.gender == 'm' and buyer.last_name %}尊敬的{{ buyer.last_name }}先生：{% elif buyer.name %}尊敬的{{ buyer.name }}：{% else %}尊敬的客户：{% endif %}</p>
<p>感谢您对我司产品的关注。为便于您亲自评估产品质量，我们很乐意为您寄送{% if quote.items %}以下产品的{% endif %}样品。</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>请确认{% if buyer.company %}{{ buyer.company }}的{% endif %}收货地址，如有快递到付账号（DHL、FedEx 或 UPS）也请一并提供，以便我们尽快安排寄样。</p>
{% if quote.lead_time %}
<p>样品可在{{ quote.lead_time }}内寄出。</p>
{% endif %}
<p>期待您的反馈。</p>
<p>顺祝商祺！</p>
</div>
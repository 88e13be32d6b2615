+++
name = "sample-offer"
lang = "en"
category = "sample-offer"
title = "Sample offer"
subject = "Sample offer{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="en">
<p>{% if buyer.title and buyer.last_name %}Dear {{ buyer.title }} {{ buyer.last_name }},{% elif buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif %}</p>
<p>Thank you for your interest in our products. So that you can assess our quality for yourself, we would be happy to send you samples{% if quote.items %} of the following items{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>Please confirm the delivery address{% if buyer.company %} for {{ buyer.company }}{% endif %} and, if available, your courier account number (DHL, FedEx or UPS) so that we can dispatch the samples promptly.</p>
{% if quote.lead_time %}
<p>The samples can be dispatched within {{ quote.lead_time }}.</p>
{% endif %}
<p>We look forward to your feedback.</p>
<p>Kind regards,</p>
</div>
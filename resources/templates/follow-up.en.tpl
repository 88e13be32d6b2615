+++
name = "follow-up"
lang = "en"
category = "follow-up"
title = "Follow-up"
subject = "Following up on our quotation{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="en">
<p>{% if buyer.title and buyer.last_name %}Dear {{ buyer.title }} {{ buyer.last_name }},{% elif buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif %}</p>
<p>I am writing to follow up on the quotation{% if quote.number %} {{ quote.number }}{% endif %} we sent you{% if inquiry.date %} in reply to your enquiry of {{ inquiry.date|date }}{% endif %}. Have you had a chance to review it?</p>
<p>If you have any questions about the specifications, quantities or terms, or would like us to adjust the offer, I would be glad to help.</p>
{% if quote.valid_until %}
<p>Please note that our offer is valid until {{ quote.valid_until|date }}.</p>
{% endif %}
<p>I look forward to hearing from you.</p>
<p>Kind regards,</p>
</div>
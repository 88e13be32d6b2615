+++
name = "price-update"
lang = "en"
category = "price-update"
title = "Price update"
subject = "Updated prices{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<p>{% if buyer.title and buyer.last_name %}Dear {{ buyer.title }} {{ buyer.last_name }},{% elif buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif %}</p>
<p>Thank you for your continued business. Owing to higher raw material and freight costs, we have to adjust our prices{% if quote.valid_until %} from {{ quote.valid_until|date }}{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}: {{ item.unit_price|money(quote.currency) }} per {{ item.unit }}</li>
{% endfor %}
</ul>
{% endif %}
<p>Orders confirmed before that date will be delivered at the current prices. Please let me know if you would like to place an order now.</p>
<p>Kind regards,</p>

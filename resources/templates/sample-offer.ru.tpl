+++
name = "sample-offer"
lang = "ru"
category = "sample-offer"
title = "Предложение образцов"
subject = "Образцы продукции{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="ru">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Уважаемая госпожа {{ buyer.last_name }}!{% elif buyer.gender == 'm' and buyer.last_name %}Уважаемый господин {{ buyer.last_name }}!{% elif buyer.name %}Здравствуйте, {{ buyer.name }}!{% else %}Добрый день!{% endif %}</p>
<p>Благодарим Вас за интерес к нашей продукции. Чтобы Вы могли лично убедиться в её качестве, мы с удовольствием отправим Вам образцы{% if quote.items %} следующих товаров{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>Пожалуйста, подтвердите адрес доставки{% if buyer.company %} для компании {{ buyer.company }}{% endif %} и, если есть, номер Вашего счёта в курьерской службе (DHL, FedEx или UPS), чтобы мы могли оперативно отправить образцы.</p>
{% if quote.lead_time %}
<p>Образцы могут быть отправлены в течение {{ quote.lead_time }}.</p>
{% endif %}
<p>Будем рады Вашему отзыву.</p>
<p>С уважением,</p>
</div>
+++
name = "follow-up"
lang = "ru"
category = "follow-up"
title = "Напоминание"
subject = "По поводу нашего предложения{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="ru">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Уважаемая госпожа {{ buyer.last_name }}!{% elif buyer.gender == 'm' and buyer.last_name %}Уважаемый господин {{ buyer.last_name }}!{% elif buyer.name %}Здравствуйте, {{ buyer.name }}!{% else %}Добрый день!{% endif %}</p>
<p>Позвольте уточнить, удалось ли Вам ознакомиться с нашим коммерческим предложением{% if quote.number %} № {{ quote.number }}{% endif %}{% if inquiry.date %} (по Вашему запросу от {{ inquiry.date|date }}){% endif %}.</p>
<p>Если у Вас есть вопросы по характеристикам, количеству или условиям либо Вы хотели бы скорректировать предложение, я с удовольствием помогу.</p>
{% if quote.valid_until %}
<p>Обращаем Ваше внимание, что предложение действительно до {{ quote.valid_until|date }} включительно.</p>
{% endif %}
<p>Будем рады Вашему ответу.</p>
<p>С уважением,</p>
</div>
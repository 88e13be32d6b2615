"""The trade desk's customers in the app (issue 18): the customers window and its menu entry."""

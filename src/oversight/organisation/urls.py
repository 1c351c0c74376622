"""/organisation/: the liaison lead manages their organisation's people, portfolios and boards."""

from django.urls import path

from oversight.organisation import views

app_name = "organisation"

urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings, name="settings"),
    path("people/", views.people, name="people"),
    path("people/invite/", views.person_invite, name="person-invite"),
    path("people/<int:pk>/", views.person_edit, name="person-edit"),
    path("people/<int:pk>/deactivate/", views.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate/", views.person_reactivate, name="person-reactivate"),
    path("people/<int:pk>/invitation/", views.person_invitation, name="person-invitation"),
    path("portfolios/", views.portfolios, name="portfolios"),
    path("portfolios/new/", views.portfolio_add, name="portfolio-add"),
    path("portfolios/<int:pk>/", views.portfolio_edit, name="portfolio-edit"),
    path("boards/", views.boards, name="boards"),
    path("boards/new/", views.board_add, name="board-add"),
    path("boards/<int:pk>/", views.board_edit, name="board-edit"),
]

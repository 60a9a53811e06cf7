from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="home"),
    path("authorities/", views.authority_list, name="authority-list"),
    path("authorities/search/", views.authority_search, name="authority-search"),
    path("authorities/<slug:slug>/", views.authority_detail, name="authority-detail"),
    path("compare/", views.compare, name="compare"),
]

"""The project's routes: the sum by path, by query, and the echo."""

from django.urls import path

from sumsite import views

urlpatterns = [
    path("sum/<str:number1>/<str:number2>", views.sum_path),
    path("sum", views.sum_query),
    path("echo/<str:text>", views.echo),
]

"""The views: each returns a JsonResponse."""

from django.http import JsonResponse


def sum_path(request, number1, number2):
    try:
        a, b = float(number1), float(number2)
    except ValueError:
        return JsonResponse({"message": "Invalid number as addend", "status": 400}, status=400)
    return JsonResponse({"number1": a, "number2": b, "total_sum": a + b, "status": 200})


def sum_query(request):
    return sum_path(request, request.GET.get("number1", ""), request.GET.get("number2", ""))


def echo(request, text):
    return JsonResponse({"echo": f"{text} {text}"})

#!/usr/bin/env python3
"""Itinerary instances for `make bench`, and what VROOM and OR-Tools reach on them.

  itinerary_bench.py generate SITES DAYS SEED OUT.json   an instance in the format of ../shared/bench/instances
  itinerary_bench.py vroom IN.json                      VROOM (pyvroom): exploration level 5, one thread
  itinerary_bench.py ortools IN.json SECONDS            OR-Tools routing: PATH_CHEAPEST_ARC, guided local search

The solvers print one line: `visited travel seconds` (sites visited, total travel minutes, wall time of the solve
call). Both model the instance as ../shared/bench/README.md says: one vehicle per day from and back to the start
place, each visit wholly inside one of its site's windows, lunch as a break of its length starting in its window,
optional sites as droppable at a price of their priority, must-visit sites as all but obligatory.

The generator follows the shared instances: sites around the places of the shared instances' cooperatives (spread
over Hanoi's districts), visits of 45-90 minutes in steps of 5, the opening hours the shared instances use, the day
07:30-17:30 with lunch of 60 minutes starting 11:00-12:30, and travel = great-circle distance x 1.35 at 25 km/h when
a leg starts or ends within 8 km of Hoan Kiem lake, else 40 km/h.
"""
import glob
import json
import math
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "bench", "instances")
LAKE = (21.0288, 105.8525)
WINDOWS = [
    [["07:30", "11:30"], ["13:00", "17:00"]], [["08:00", "17:00"]], [["07:30", "11:00"]], [["13:00", "17:00"]],
    [["13:30", "17:00"]], [["08:00", "11:30"], ["13:30", "17:00"]], [["07:30", "11:00"], ["13:30", "16:30"]],
    [["08:00", "11:00"]], [["07:30", "17:00"]], [["08:00", "11:00"], ["13:30", "17:00"]],
]
KINDS = ["Nông nghiệp", "Rau an toàn", "Gốm sứ", "Mây tre đan", "Thuỷ sản", "Dệt may", "Chè", "Hoa cây cảnh"]


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, [a[0], a[1], b[0], b[1]])
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def minutes(text):
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def generate(sites, days, seed, out):
    rng = random.Random(seed)
    anchors = []
    for path in sorted(glob.glob(os.path.join(SHARED, "*.json"))):
        with open(path, encoding="utf-8") as handle:
            anchors += [(s["lat"], s["lon"]) for s in json.load(handle)["sites"]]
    start = {"id": "office", "name": "Văn phòng, 16 Cát Linh, Đống Đa, Hà Nội", "lat": 21.0287, "lon": 105.8282}
    origin = (start["lat"], start["lon"])
    listed = []
    # Every site can be visited on its own: the delegation back by 12:30 for lunch, or leaving after lunch at 12:00.
    # (Lunch on the way back from the last visit is taken at the start place, docs/CONTRACT.md section 4, where VROOM
    # and OR-Tools would let it fall anywhere; a far morning-only site would be a difference of models, not solvers.)
    while len(listed) < sites:
        index = len(listed)
        lat, lon = rng.choice(anchors)
        point = (round(lat + rng.uniform(-0.02, 0.02), 6), round(lon + rng.uniform(-0.02, 0.02), 6))
        site = {
            "id": "S%03d" % (index + 1), "name": "Hợp tác xã %s %d" % (rng.choice(KINDS), index + 1),
            "lat": point[0], "lon": point[1], "serviceMinutes": rng.randrange(45, 95, 5),
            "windows": rng.choice(WINDOWS), "mustVisit": days > 1 and sites <= 4 * days, "priority": 1,
        }
        if alone(site, minutes_between(origin, point)):
            listed.append(site)
    points = [origin] + [(s["lat"], s["lon"]) for s in listed]
    travel = [[0 if a == b else minutes_between(a, b) for b in points] for a in points]
    instance = {
        "name": os.path.splitext(os.path.basename(out))[0], "days": days, "dayStart": "07:30", "dayEnd": "17:30",
        "lunch": {"earliest": "11:00", "latest": "12:30", "minutes": 60}, "start": start, "sites": listed,
        "travelMinutes": travel,
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(instance, handle, ensure_ascii=False, indent=1)


def minutes_between(a, b):
    speed = 25.0 if min(km(a, LAKE), km(b, LAKE)) <= 8 else 40.0
    return max(1, round(km(a, b) * 1.35 / speed * 60))


def alone(site, leg):
    """Whether the site can be the day's only visit: back by 12:30 for lunch, or after lunch from 12:00."""
    for leave, back_by in [(450, 750), (720, 1050)]:
        for start, finish in site["windows"]:
            begin = max(leave + leg, minutes(start))
            if begin + site["serviceMinutes"] <= minutes(finish) and begin + site["serviceMinutes"] + leg <= back_by:
                return True
    return False


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def total(instance, routes):
    travel = instance["travelMinutes"]
    result = 0
    for route in routes:
        places = [0] + route + [0]
        result += sum(travel[a][b] for a, b in zip(places, places[1:]) if route)
    return result


def vroom_solve(path):
    import vroom

    instance = load(path)
    problem = vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=instance["travelMinutes"])
    lunch = instance["lunch"]
    begin, end = minutes(instance["dayStart"]), minutes(instance["dayEnd"])
    for day in range(instance["days"]):
        problem.add_vehicle(vroom.Vehicle(
            day + 1, start=0, end=0, time_window=vroom.TimeWindow(begin, end),
            breaks=[vroom.Break(day + 1, time_windows=[
                vroom.TimeWindow(minutes(lunch["earliest"]), minutes(lunch["latest"]))], service=lunch["minutes"])]))
    for index, site in enumerate(instance["sites"]):
        windows = []
        for start, finish in site["windows"]:
            latest = minutes(finish) - site["serviceMinutes"]
            if latest >= minutes(start):
                windows.append(vroom.TimeWindow(minutes(start), latest))
        problem.add_job(vroom.Job(
            index + 1, location=index + 1, default_service=site["serviceMinutes"], time_windows=windows,
            priority=100 if site["mustVisit"] else min(100, site["priority"])))
    started = time.perf_counter()
    solution = problem.solve(exploration_level=5, nb_threads=1)
    seconds = time.perf_counter() - started
    routes = {}
    for row in solution.routes.itertuples():
        if row.type == "job":
            routes.setdefault(row.vehicle_id, []).append(int(row.id))
    visited = sum(len(r) for r in routes.values())
    print(visited, total(instance, list(routes.values())), "%.3f" % seconds)


def ortools_solve(path, limit):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    instance = load(path)
    travel = instance["travelMinutes"]
    sites = instance["sites"]
    days = instance["days"]
    begin, end = minutes(instance["dayStart"]), minutes(instance["dayEnd"])
    manager = pywrapcp.RoutingIndexManager(len(travel), days, 0)
    routing = pywrapcp.RoutingModel(manager)
    service = [0] + [s["serviceMinutes"] for s in sites]

    def cost(i, j):
        return travel[manager.IndexToNode(i)][manager.IndexToNode(j)]

    def transit(i, j):
        a, b = manager.IndexToNode(i), manager.IndexToNode(j)
        return service[a] + travel[a][b]

    arc = routing.RegisterTransitCallback(cost)
    routing.SetArcCostEvaluatorOfAllVehicles(arc)
    timing = routing.RegisterTransitCallback(transit)
    routing.AddDimension(timing, end, end, False, "Time")
    clock = routing.GetDimensionOrDie("Time")
    for node, site in enumerate(sites, start=1):
        index = manager.NodeToIndex(node)
        windows = [(minutes(a), minutes(b) - site["serviceMinutes"]) for a, b in site["windows"]]
        windows = [w for w in windows if w[1] >= w[0]]
        lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
        clock.CumulVar(index).SetRange(lo, hi)
        for (a, b), (c, d) in zip(windows, windows[1:]):
            if c > b + 1:
                clock.CumulVar(index).RemoveInterval(b + 1, c - 1)
        penalty = 10_000_000 if site["mustVisit"] else 100_000 * site["priority"]
        routing.AddDisjunction([index], penalty)
    lunch = instance["lunch"]
    solver = routing.solver()
    for day in range(days):
        clock.CumulVar(routing.Start(day)).SetRange(begin, end)
        clock.CumulVar(routing.End(day)).SetRange(begin, end)
        lunchBreak = solver.FixedDurationIntervalVar(
            minutes(lunch["earliest"]), minutes(lunch["latest"]), lunch["minutes"], False, "lunch%d" % day)
        clock.SetBreakIntervalsOfVehicle([lunchBreak], day, service)
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(int(limit * 1000))
    started = time.perf_counter()
    solution = routing.SolveWithParameters(parameters)
    seconds = time.perf_counter() - started
    if solution is None:
        print(0, 0, "%.3f" % seconds)
        return
    routes = []
    for day in range(days):
        index = routing.Start(day)
        route = []
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            if node:
                route.append(node)
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    print(sum(len(r) for r in routes), total(instance, routes), "%.3f" % seconds)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif command == "vroom":
        vroom_solve(sys.argv[2])
    elif command == "ortools":
        ortools_solve(sys.argv[2], float(sys.argv[3]))
    else:
        sys.exit(__doc__)

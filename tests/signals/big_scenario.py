"""Writes a generated scenario far larger than any shipped one (as tests/test_scale.cpp makes):
STAGES stages per side and FLOWS flows over HORIZON, slow to validate (every flow's rate over
the horizon, every stop's load). Usage: big_scenario.py OUT.yaml STAGES FLOWS HORIZON"""
import sys


def big(stages, flows, horizon):
    y = (f"name: big\nstart: 2025-04-07 00:00\nhorizon: {horizon}\nwarmup: 0d\nreplications: 1\n"
         "outputs: {timeseries_step: 1h}\ncargo:\n  general: {payload: 25t}\ngate_sides:\n")
    for side, country in (("vn", "VN"), ("cn", "CN")):
        y += f"  {side}:\n    country: {country}\n    time_zone: UTC+7\n    stages:\n"
        for i in range(stages):
            direction = "inbound" if i % 2 else "outbound"
            y += f"      - {{id: s{i}, servers: 2, service: 5s, direction: {direction}}}\n"
    y += "crossings:\n  gate: {sides: [vn, cn]}\nflows:\n"
    for f in range(flows):
        direction = "import" if f % 2 else "export"
        y += (f"  f{f}: {{direction: {direction}, route: [{{crossing: gate}}], "
              "arrivals: {rate: 1/day}}\n")
    return y


if __name__ == "__main__":
    out, stages, flows, horizon = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with open(out, "w") as f:
        f.write(big(stages, flows, horizon))

// The reliability curve: the share of trucks through the border within x hours, per cargo class
// (and direction) — what a logistics firm plans with. From the /reliability table (mean and CI
// across replications) when the file has it, else from replication 0's vehicles.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "models/records.hpp"
#include "outputs/hdf5.hpp"
#include "report/report_parts.hpp"
#include "sim/time.hpp"

namespace outputs::report {

namespace {

using svg::escape;

// One curve: x hours, y share (with a band when from several replications).
struct Curve {
  std::string label;
  std::string cargo;  // the class's name (its colour)
  int variant = 0;    // dash: direction (run) or scenario (comparison)
  std::vector<double> x, y, lo, hi;
};

const char* kDashes[] = {"", "6 3", "2 2", "8 3 2 3"};

// Border-crossing times (h) of replication 0's released trucks that arrived after the warm-up,
// by (flow, cargo) or by cargo.
std::map<std::pair<std::int32_t, std::int32_t>, std::vector<double>> border_times(const Context& c,
                                                                                  bool by_flow) {
  std::map<std::pair<std::int32_t, std::int32_t>, std::vector<double>> out;
  const std::string path = (c.base.empty() ? "" : c.base + "/") + "replications/r000/vehicles";
  if (!h5::exists(c.file, path)) return out;
  for (const row::Vehicle& v : read_rows<row::Vehicle>(c.file, path, table_spec(Table::Vehicles))) {
    if (v.outcome != static_cast<std::uint8_t>(models::Outcome::Released) ||
        v.mode != static_cast<std::uint8_t>(models::Mode::Truck) || v.arrival_s < c.warmup_s ||
        v.border_in_s < 0 || v.border_out_s < v.border_in_s)
      continue;
    out[{by_flow ? v.flow : -1, v.cargo}].push_back((v.border_out_s - v.border_in_s) / sim::kHour);
  }
  return out;
}

// The empirical share within x of sorted times, on a grid of `x`.
std::vector<double> ecdf(const std::vector<double>& sorted, const std::vector<double>& xs) {
  std::vector<double> y;
  for (double x : xs)
    y.push_back(
        static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin()) /
        static_cast<double>(sorted.size()));
  return y;
}

// Curves from the /reliability table of one scenario: the finest cargo groups it has (cargo
// and direction in a run, cargo in a comparison, where the two scenarios' curves go together).
std::vector<Curve> table_curves(const Context& c, bool by_direction, int variant) {
  std::vector<Curve> out;
  const std::string path = (c.base.empty() ? "" : c.base + "/") + "reliability";
  if (!h5::exists(c.file, path)) return out;
  const GroupKind want = by_direction ? GroupKind::CargoDirection : GroupKind::Cargo;
  std::map<std::pair<std::int32_t, std::int32_t>, Curve> curves;
  for (const row::Curve& r : read_rows<row::Curve>(c.file, path, table_spec(Table::Reliability))) {
    const Group g = group_of(r.codes);
    if (g.kind != want) continue;
    Curve& cv = curves[{g.cargo, g.direction}];
    cv.cargo = cargo_title(c.names, g.cargo);
    cv.variant = by_direction ? g.direction : variant;
    cv.label = cv.cargo + (by_direction ? ", " + direction_title(g.direction) : "");
    cv.x.push_back(r.at);
    cv.y.push_back(r.ci.mean);
    cv.lo.push_back(r.ci.ci95_lo);
    cv.hi.push_back(r.ci.ci95_hi);
  }
  for (auto& [key, cv] : curves) out.push_back(std::move(cv));
  return out;
}

}  // namespace

std::string reliability(const Context& c, const std::vector<std::string>& scenarios,
                        const std::string& id) {
  const bool compare = !scenarios.empty();
  std::vector<Context> contexts;
  if (compare)
    for (const std::string& s : scenarios)
      contexts.push_back(with_base(c, c.file, "scenarios/" + s));
  else
    contexts.push_back(c);
  std::vector<Curve> curves;
  bool from_table = true;
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    std::vector<Curve> t = table_curves(contexts[i], !compare, static_cast<int>(i));
    if (t.empty()) from_table = false;
    for (Curve& cv : t) {
      if (compare) cv.label += " — " + scenarios[i];
      curves.push_back(std::move(cv));
    }
  }
  double xmax = 1;
  if (!from_table) {
    // From replication 0's vehicles: one curve per flow and cargo (a run) or per cargo class and
    // scenario (a comparison), up to the 99th percentile of the slowest.
    curves.clear();
    std::vector<std::pair<Curve, std::vector<double>>> raw;
    for (std::size_t i = 0; i < contexts.size(); ++i) {
      std::map<std::int32_t, int> seen;  // cargo -> curves so far (the dash of a second flow)
      for (auto& [key, xs] : border_times(contexts[i], !compare)) {
        if (xs.size() < 20) continue;
        std::sort(xs.begin(), xs.end());
        Curve cv;
        cv.cargo = cargo_title(contexts[i].names, key.second);
        cv.variant = compare ? static_cast<int>(i) : seen[key.second]++;
        cv.label = compare ? cv.cargo + " — " + scenarios[i]
                           : contexts[i].names.flow_name(key.first) + " / " + cv.cargo;
        xmax =
            std::max(xmax, xs[static_cast<std::size_t>(0.99 * static_cast<double>(xs.size() - 1))]);
        raw.emplace_back(std::move(cv), std::move(xs));
      }
    }
    std::vector<double> grid;
    for (int k = 0; k <= 200; ++k) grid.push_back(xmax * k / 200);
    for (auto& [cv, xs] : raw) {
      cv.x = grid;
      cv.y = ecdf(xs, grid);
      curves.push_back(std::move(cv));
    }
  } else {
    for (const Curve& cv : curves)
      for (std::size_t k = 0; k < cv.x.size(); ++k)
        if (cv.y[k] < 0.995) xmax = std::max(xmax, cv.x[k]);
    xmax *= 1.1;
  }
  if (curves.empty()) return "";
  svg::Chart ch(id + "-curve", "Share of trucks through the border within x hours", 760, 340);
  ch.x_axis("hours from reaching the exit side to through the entry side's stops", 0, xmax);
  ch.y_axis("% of trucks through", 0, 100);
  for (const Curve& cv : curves) {
    svg::Series s;
    s.name = cv.label;
    for (std::size_t k = 0; k < cv.x.size(); ++k) {
      if (cv.x[k] > xmax) break;
      s.x.push_back(cv.x[k]);
      s.y.push_back(100 * cv.y[k]);
      if (from_table && !std::isnan(cv.lo[k])) {
        s.lo.push_back(100 * std::clamp(cv.lo[k], 0.0, 1.0));
        s.hi.push_back(100 * std::clamp(cv.hi[k], 0.0, 1.0));
      }
    }
    if (s.lo.size() != s.x.size()) s.lo.clear(), s.hi.clear();
    s.styled = true;
    s.style =
        svg::Style{c.cargo_colours.of(cv.cargo).colour, kDashes[std::clamp(cv.variant, 0, 3)]};
    s.tag = svg::Tag{"cargo", cv.cargo};
    ch.line(s);
  }
  std::string note =
      from_table
          ? fmt::format("mean over {} replications with a 95 % band", c.replications)
          : "replication 0 only (this file has no /reliability table), the trucks that arrived "
            "after the warm-up and were released";
  return "<section id=\"" + escape(id) +
         "\"><h2>How likely is a truck through the border within x hours?</h2><p>The share of "
         "trucks whose border-crossing time (reaching the exit side, before its road queue and "
         "yard, to through the entry side's stops) was at most x hours, by cargo class" +
         std::string(compare ? " and scenario (the base solid, the variant dashed)"
                             : " (a second flow of the same class dashed)") +
         "; " + escape(note) +
         ". Read across from 90 % to see the time within which nine trucks in ten are "
         "through.</p>" +
         ch.svg() + "</section>";
}

}  // namespace outputs::report

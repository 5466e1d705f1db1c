// The reliability curve: the share of trucks through the border within x hours, per cargo class
// (and direction) — what a logistics firm plans with. From the /reliability table (mean and CI
// across replications) when the file has it, else from replication 0's vehicles.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "models/records.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/report_parts.hpp"
#include "outputs/table_reader.hpp"
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

// Curves from the /reliability table of one scenario: rows of border_within_share by the
// finest cargo groups it has (cargo and direction in a run, cargo in a comparison).
std::vector<Curve> table_curves(const Context& c, bool by_direction, int variant) {
  std::vector<Curve> out;
  const std::string path = (c.base.empty() ? "" : c.base + "/") + "reliability";
  if (!h5::exists(c.file, path)) return out;
  const DecodedTable t = read_decoded(c.file, path);
  auto col = [&](std::initializer_list<const char*> names) -> const DecodedColumn* {
    for (const char* n : names)
      for (const DecodedColumn& k : t.columns)
        if (k.name == n) return &k;
    return nullptr;
  };
  const DecodedColumn *at = col({"at_h", "at", "hours"}), *mean = col({"mean"}),
                      *lo = col({"ci95_lo"}), *hi = col({"ci95_hi"}), *kind = col({"group_kind"}),
                      *cargo = col({"cargo"}), *dir = col({"direction"});
  if (!at || !mean || !kind || !cargo) return out;
  auto code = [](const DecodedColumn& k, std::size_t r) -> std::int64_t {
    if (k.kind == DecodedColumn::Kind::Int) return k.ints[r];
    if (k.kind == DecodedColumn::Kind::Float) return static_cast<std::int64_t>(k.floats[r]);
    return k.codes[r];
  };
  auto value = [](const DecodedColumn* k, std::size_t r) {
    if (!k) return std::nan("");
    return k->kind == DecodedColumn::Kind::Float ? k->floats[r] : static_cast<double>(k->ints[r]);
  };
  const auto cd = kind_named("cargo_direction");
  const std::int64_t want = by_direction && cd ? static_cast<std::int64_t>(*cd)
                                               : static_cast<std::int64_t>(GroupKind::Cargo);
  std::map<std::pair<std::int64_t, std::int64_t>, Curve> curves;
  for (std::size_t r = 0; r < t.rows; ++r) {
    // A decoded group_kind names the kind; compare by its code either way.
    std::int64_t k = code(*kind, r);
    if (kind->kind == DecodedColumn::Kind::Category) {
      const auto named = kind_named(kind->categories[static_cast<std::size_t>(kind->codes[r])]);
      k = named ? static_cast<std::int64_t>(*named) : -1;
    }
    if (k != want) continue;
    std::int64_t cg = code(*cargo, r);
    if (cargo->kind == DecodedColumn::Kind::Category)
      cg = cargo->categories[static_cast<std::size_t>(cg)] == "empty" ? models::kEmptyCargo : cg;
    const std::int64_t d = dir ? code(*dir, r) : -1;
    Curve& cv = curves[{cg, want == static_cast<std::int64_t>(GroupKind::Cargo) ? -1 : d}];
    cv.cargo = cargo_title(c.names, static_cast<std::int32_t>(cg));
    cv.variant =
        want == static_cast<std::int64_t>(GroupKind::Cargo) ? variant : static_cast<int>(d);
    cv.label = cv.cargo + (want == static_cast<std::int64_t>(GroupKind::Cargo)
                               ? ""
                               : ", " + direction_title(static_cast<std::int32_t>(d)));
    cv.x.push_back(value(at, r));
    cv.y.push_back(value(mean, r));
    cv.lo.push_back(value(lo, r));
    cv.hi.push_back(value(hi, r));
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

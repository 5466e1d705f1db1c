// The report's sections about one scenario's vehicles: where the border-crossing time goes,
// waiting at each stop, the transit-time distribution, spoilage and rail.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/records.hpp"
#include "outputs/hdf5.hpp"
#include "report/report_parts.hpp"
#include "sim/time.hpp"

namespace outputs::report {

namespace {

using svg::escape;

svg::Bar bar_of(const Row& r, std::string label) {
  const Bounds b = bounds_of(r.metric);
  return svg::Bar{std::move(label), r.mean, std::isnan(r.lo) ? r.mean : clip(r.lo, b),
                  std::isnan(r.hi) ? r.mean : clip(r.hi, b), false};
}

// A bar in its cargo class's colour, with its swatch and tag.
svg::Bar cargo_bar(const Context& c, const Row& r, std::string label) {
  svg::Bar b = bar_of(r, std::move(label));
  const svg::Style st = cargo_style(c, r.group.cargo);
  b.colour = st.colour;
  b.hatched = !st.dash.empty();
  b.tag = cargo_tag(c, r.group.cargo);
  return b;
}

bool all_zero(const std::vector<const Row*>& rows) {
  return std::all_of(rows.begin(), rows.end(), [](const Row* r) {
    return r->mean == 0 && (std::isnan(r->hi) || r->hi <= 0);
  });
}

}  // namespace

// The border-crossing time of each cargo class (and direction) split into where it is spent:
// the exit side (road queue, yard, stops), the far side's intake, the bridge, joint stops and
// the entry side. The parts add up to border_time_mean.
std::string border_time(const Context& c, const std::vector<Row>& rows, const std::string& id) {
  struct Part {
    const char* metric;
    const char* title;
    std::size_t colour;
  };
  static const Part parts[] = {
      {"road_wait_mean", "road queue for a yard place", 6},
      {"segment_exit_mean", "exit side: yard and stops", 0},
      {"segment_intake_mean", "far-side intake (waiting in the exit yard)", 5},
      {"segment_bridge_mean", "bridge and transshipment", 1},
      {"segment_joint_mean", "joint stops", 2},
      {"segment_entry_mean", "entry side: yard and stops", 3}};
  const bool road = has_metric(rows, "road_wait_mean");
  // Cargo and direction when the file has those groups, else flow and cargo.
  const bool cd = has_metric(rows, "segment_exit_mean") &&
                  std::any_of(rows.begin(), rows.end(), [](const Row& r) {
                    return r.group.kind == GroupKind::CargoDirection;
                  });
  std::vector<Group> groups;
  for (const Row& r : rows)
    if (r.metric == "segment_exit_mean" &&
        (cd ? r.group.kind == GroupKind::CargoDirection : r.group.kind == GroupKind::FlowCargo))
      groups.push_back(r.group);
  svg::Chart::Stack st;
  std::vector<std::string> road_notes;
  for (const Part& p : parts) {
    if (std::string_view(p.metric) == "road_wait_mean" && !road) continue;
    st.segments.push_back(p.title);
    st.styles.push_back(svg::Style{svg::palette_colour(p.colour), ""});
  }
  for (const Group& g : groups) {
    std::vector<double> v;
    double total = 0;
    const Row* rw = road ? find(rows, "road_wait_mean", g) : nullptr;
    const double road_h = rw ? rw->mean : 0;
    for (const Part& p : parts) {
      const std::string_view m = p.metric;
      if (m == "road_wait_mean" && !road) continue;
      const Row* r = find(rows, m, g);
      double x = r ? r->mean : 0;
      // The road queue is part of the exit side's segment: shown apart, taken out of it.
      if (m == "segment_exit_mean") x = std::max(0.0, x - road_h);
      v.push_back(std::max(0.0, x));
      total += v.back();
    }
    if (total <= 0) continue;  // wagons and vehicles that never cross
    const Row* any = find(rows, "segment_exit_mean", g);
    st.rows.push_back(cd ? cargo_title(c.names, g.cargo) + ", " + direction_title(g.direction)
                         : any->label);
    st.values.push_back(std::move(v));
    st.swatches.push_back(cargo_style(c, g.cargo).colour);
    st.row_tags.push_back(cargo_tag(c, g.cargo));
  }
  if (st.rows.empty()) return "";
  // Leave out the parts that are zero for every row (no joint stops under sequential, ...).
  for (std::size_t k = st.segments.size(); k-- > 0;)
    if (std::all_of(st.values.begin(), st.values.end(),
                    [&](const std::vector<double>& v) { return v[k] <= 0; })) {
      st.segments.erase(st.segments.begin() + static_cast<std::ptrdiff_t>(k));
      st.styles.erase(st.styles.begin() + static_cast<std::ptrdiff_t>(k));
      for (auto& v : st.values) v.erase(v.begin() + static_cast<std::ptrdiff_t>(k));
    }
  return "<section id=\"" + escape(id) +
         "\" class=\"border-time\"><h2>Where the border-crossing time goes</h2><p>Mean hours "
         "per truck from reaching the exit side to through the entry side's stops, by where "
         "they are spent" +
         (road ? ": the road queue outside a full yard, the exit side's yard and stops, "
               : ": the exit side (its road queue, yard and stops), ") +
         "waiting in the exit yard for the far side's intake, the bridge, joint stops and the "
         "entry side. Mean over replications; the parts add up to the mean border-crossing "
         "time.</p>" +
         svg::Chart::stacked(id + "-segments", "Where the border-crossing time goes", "hours", st) +
         "</section>";
}

// Mean wait per visit at each stop, by flow, in each stop's colour (as in the queue charts).
std::string waiting(const Context& c, const std::vector<Row>& rows) {
  std::vector<const Row*> waits;
  for (const Row& r : rows)
    if (r.metric == "stage_wait_mean") waits.push_back(&r);
  if (waits.empty()) return "";
  std::stable_sort(waits.begin(), waits.end(), [](const Row* a, const Row* b) {
    return std::pair(a->group.flow, a->group.stop) < std::pair(b->group.flow, b->group.stop);
  });
  std::string s =
      "<section id=\"waiting\"><h2>Where the waiting happens</h2><p>Mean wait per visit at "
      "each stop (queue entry to service start), by flow, with 95 % confidence intervals; each "
      "stop in its colour of the queue charts. The far side's intake, the yard and the road are "
      "in the chart of the border-crossing time above.</p>";
  if (all_zero(waits))
    return s + "<p class=\"nothing\">No vehicle waited at any stop.</p></section>";
  std::vector<svg::Bar> bars;
  for (const Row* r : waits) {
    const std::string& stop = c.names.stop_name(r->group.stop);
    svg::Bar b = bar_of(*r, c.names.flow_name(r->group.flow) + " · " + stop);
    const svg::Style st = c.stop_colours.of(stop);
    b.colour = st.colour;
    b.hatched = !st.dash.empty();
    b.tag = svg::Tag{"stop", stop};
    bars.push_back(std::move(b));
  }
  return s +
         svg::Chart::bars("waiting-by-stage", "Mean wait per visit, by flow and stop", "minutes",
                          bars) +
         "</section>";
}

// Transit time distribution by cargo and treatment (replication 0), p50 and p95 marked.
std::string transit(const Context& c) {
  const std::string base = c.base.empty() ? "" : c.base + "/";
  const std::string path = base + "replications/r000/vehicles";
  if (!h5::exists(c.file, path)) return "";
  const std::vector<std::string> treatments = read_lookup(c.file, base + "lookup/treatments");
  std::map<std::pair<std::uint16_t, std::string>, std::vector<double>> groups;
  for (const row::Vehicle& v : read_rows<row::Vehicle>(c.file, path, table_spec(Table::Vehicles))) {
    if (v.outcome != static_cast<std::uint8_t>(models::Outcome::Released) ||
        v.arrival_s < c.warmup_s)
      continue;
    const std::string t = v.treatment < treatments.size() ? treatments[v.treatment] : "?";
    groups[{v.cargo, t}].push_back(v.transit_s / sim::kHour);
  }
  std::string s =
      "<section id=\"transit\"><h2>Transit time</h2><p>Distribution of the transit time (arrival "
      "to leaving the model) of the vehicles released in replication 0, by cargo class and "
      "treatment; dashed lines: median and 95th percentile.</p>";
  int k = 0;
  for (auto& [key, xs] : groups) {
    if (xs.size() < 5) continue;
    std::sort(xs.begin(), xs.end());
    const double p50 = xs[xs.size() / 2],
                 p95 =
                     xs[std::min(xs.size() - 1,
                                 static_cast<std::size_t>(0.95 * static_cast<double>(xs.size())))];
    const double hi = std::max(xs.back(), 1e-3);
    const int bins = 40;
    std::vector<double> edges, counts(bins, 0);
    for (int b = 0; b <= bins; ++b) edges.push_back(hi * b / bins);
    for (double x : xs) counts[std::min(bins - 1, static_cast<int>(x / hi * bins))] += 1;
    const std::string g = cargo_title(c.names, key.first) + " / " + key.second;
    svg::Chart ch("transit-" + std::to_string(k),
                  "Transit time, " + g + fmt::format(" ({} vehicles)", xs.size()), 760, 220);
    ch.x_axis("transit time (h)", 0, hi);
    ch.y_axis("vehicles", 0, *std::max_element(counts.begin(), counts.end()) * 1.1);
    ch.histogram(edges, counts, cargo_style(c, key.first), cargo_tag(c, key.first));
    ch.vline(p50, fmt::format("p50 {:.2f} h", p50), 0);
    ch.vline(p95, fmt::format("p95 {:.2f} h", p95), 7);
    s += ch.svg();
    ++k;
  }
  return s + "</section>";
}

// Shares spoiled and value lost by cargo class; a sentence instead of empty charts when
// nothing spoiled.
std::string spoilage(const Context& c, const std::vector<Row>& rows) {
  std::vector<const Row*> share, lost;
  std::set<std::string> units;
  for (const Row& r : rows) {
    if (r.group.kind != GroupKind::Cargo) continue;
    if (r.metric == "spoiled_share") share.push_back(&r);
    if (r.metric == "value_lost_per_day") {
      lost.push_back(&r);
      units.insert(r.unit);
    }
  }
  if (share.empty()) return "";
  std::string s = "<section id=\"spoilage\"><h2>Spoilage</h2>";
  if (all_zero(share) && all_zero(lost))
    return s +
           "<p class=\"nothing\">Nothing spoiled: no load of any cargo class spoiled in any "
           "replication.</p></section>";
  s += "<p>Share of loads spoiled and value lost per day, by cargo class, with 95 % confidence "
       "intervals.</p>";
  std::vector<svg::Bar> share_bars, lost_bars;
  for (const Row* r : share)
    share_bars.push_back(cargo_bar(c, *r, cargo_title(c.names, r->group.cargo)));
  s += svg::Chart::bars("spoiled-share", "Share of loads spoiled", "share of loads", share_bars);
  if (all_zero(lost)) return s + "<p class=\"nothing\">No value was lost.</p></section>";
  // One axis for money only when every class is in one currency; otherwise each bar says its own.
  for (const Row* r : lost)
    lost_bars.push_back(cargo_bar(
        c, *r,
        cargo_title(c.names, r->group.cargo) + (units.size() > 1 ? " (" + r->unit + ")" : "")));
  return s +
         svg::Chart::bars("value-lost", "Value lost per day",
                          units.size() == 1 ? *units.begin() : "value per day", lost_bars) +
         "</section>";
}

// Rail services are the flows with a train load factor; their wagons' dwell is their transit.
std::string rail(const Context& c, const std::vector<Row>& rows) {
  std::vector<svg::Bar> dwell, load;
  for (const Row& l : rows) {
    if (l.metric != "train_load_factor") continue;
    for (const Row& r : rows)
      if (r.metric == "transit_mean" && r.group.kind == GroupKind::FlowCargo &&
          r.group.flow == l.group.flow)
        dwell.push_back(cargo_bar(c, r, r.label));
    load.push_back(bar_of(l, l.label));
  }
  if (dwell.empty() && load.empty()) return "";
  return "<section id=\"rail\"><h2>Rail</h2><p>Wagon dwell (arrival at the station to "
         "transshipment done) and train load factor (wagons carried over wagons a train can "
         "take), with 95 % confidence intervals.</p>" +
         svg::Chart::bars("wagon-dwell", "Wagon dwell time", "hours", dwell) +
         svg::Chart::bars("train-load", "Train load factor", "share of capacity", load) +
         "</section>";
}

}  // namespace outputs::report

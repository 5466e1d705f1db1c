// The report's charts over time: queues at each stop, yards and road queues, the daily backlog.
// Time axes carry the local dates and clock times of the scenario's zone.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

#include "models/sites.hpp"
#include "outputs/hdf5.hpp"
#include "report/report_parts.hpp"
#include "sim/stats.hpp"
#include "sim/time.hpp"

namespace outputs::report {

namespace {

using svg::escape;

// A table of doubles (time series, backlog) of every replication that has it: column names from
// the first replication's table, values per replication, row-major.
struct SeriesData {
  std::vector<std::string> cols;
  std::vector<std::vector<double>> data;
  std::size_t rows = SIZE_MAX;
  double at(std::size_t rep, std::size_t i, std::size_t c) const {
    return data[rep][i * cols.size() + c];
  }
  double t_end() const { return at(0, rows - 1, 0); }
  bool all_zero(std::size_t c) const {
    for (std::size_t r = 0; r < data.size(); ++r)
      for (std::size_t i = 0; i < rows; ++i)
        if (at(r, i, c) != 0) return false;
    return true;
  }
  // Column c over time (x in simulated seconds): the mean across replications with a 95 %
  // band, never below zero (these are counts of vehicles).
  svg::Series band(std::size_t c, const std::string& label) const {
    svg::Series s;
    s.name = label;
    for (std::size_t i = 0; i < rows; ++i) {
      std::vector<double> v;
      for (std::size_t r = 0; r < data.size(); ++r) v.push_back(at(r, i, c));
      const sim::Interval ci = sim::mean_ci(v);
      s.x.push_back(at(0, i, 0));
      s.y.push_back(ci.mean);
      s.lo.push_back(std::isnan(ci.lo) ? ci.mean : std::max(0.0, ci.lo));
      s.hi.push_back(std::isnan(ci.hi) ? ci.mean : ci.hi);
    }
    return s;
  }
};

std::optional<SeriesData> read_series(hid_t f, const std::string& base, Table table) {
  const std::string name = table_spec(table).name;
  const std::string reps_path = (base.empty() ? "" : base + "/") + "replications";
  if (!h5::exists(f, reps_path)) return std::nullopt;
  std::vector<std::string> reps;
  for (const std::string& r : h5::children(f, reps_path))
    if (h5::exists(f, reps_path + "/" + r + "/" + name)) reps.push_back(r);
  if (reps.empty()) return std::nullopt;
  const std::string first = reps_path + "/" + reps[0] + "/" + name;
  h5::Handle ds(H5Dopen2(f, first.c_str(), H5P_DEFAULT), H5Dclose, name.c_str());
  h5::Handle type(H5Dget_type(ds), H5Tclose, "series type");
  const int ncol = H5Tget_nmembers(type);
  if (ncol < 1) throw h5::Error(first + ": not a table of records");
  SeriesData out;
  for (int i = 0; i < ncol; ++i) {
    char* member = H5Tget_member_name(type, static_cast<unsigned>(i));
    out.cols.emplace_back(member);
    H5free_memory(member);
  }
  const std::vector<h5::Column> layout = series_columns(table, out.cols);
  for (const std::string& r : reps) {
    std::vector<unsigned char> buf;
    const std::size_t n = h5::read_table(f, reps_path + "/" + r + "/" + name,
                                         out.cols.size() * sizeof(double), layout, buf);
    std::vector<double> d(n * out.cols.size());
    std::memcpy(d.data(), buf.data(), d.size() * sizeof(double));
    out.data.push_back(std::move(d));
    out.rows = std::min(out.rows, n);
  }
  if (out.rows == 0) return std::nullopt;
  return out;
}

// The x axis of a chart over [0, t_end]: calendar dates when the file says when it starts,
// else days since the start (a file from an older build). Series x stay in seconds.
void time_axis(svg::Chart& ch, const Context& c, double t_end) {
  if (c.dated)
    ch.x_time(c.calendar, 0, t_end);
  else
    ch.x_axis("days since the start", 0, t_end);
}
void to_days_unless_dated(const Context& c, svg::Series& s) {
  if (!c.dated)
    for (double& x : s.x) x /= sim::kDay;
}
double x_of(const Context& c, double t) {
  return c.dated ? t : t / sim::kDay;
}

std::string list_text(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i)
    s += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return s;
}

}  // namespace

// Queue length over time per site (mean across replications with a 95 % band), closed hours of
// the site's side shaded; one chart per gate side, then its yard and road queue. The sites and
// their sides come from /stops as codes; no name is split.
std::string queues(const Context& c) {
  const std::string prefix = c.base.empty() ? "" : c.base + "/";
  const std::string reps_path = prefix + "replications";
  if (!h5::exists(c.file, prefix + "stops") || !h5::exists(c.file, reps_path)) return "";
  const std::vector<row::Stop> sites =
      read_rows<row::Stop>(c.file, prefix + "stops", table_spec(Table::Stops));
  // Per replication that has one, its samples as [site][sample] queue and busy.
  struct Rep {
    std::vector<std::vector<double>> queue, busy;
  };
  std::vector<Rep> reps;
  std::vector<double> t;
  const std::string name = table_spec(Table::Timeseries).name;
  for (const std::string& r : h5::children(c.file, reps_path)) {
    const std::string path = reps_path + "/" + r + "/" + name;
    if (!h5::exists(c.file, path)) continue;
    Rep rep;
    rep.queue.resize(sites.size());
    rep.busy.resize(sites.size());
    std::vector<double> times;
    for (const row::Sample& x :
         read_rows<row::Sample>(c.file, path, table_spec(Table::Timeseries))) {
      if (x.stop >= sites.size()) throw h5::Error(path + ": a sample of an unknown stop");
      if (x.stop == 0) times.push_back(x.t_s);
      rep.queue[x.stop].push_back(x.queue);
      rep.busy[x.stop].push_back(x.busy);
    }
    if (reps.empty()) t = times;
    reps.push_back(std::move(rep));
  }
  std::size_t rows = t.size();
  for (const Rep& rep : reps)
    for (const auto& q : rep.queue) rows = std::min(rows, q.size());
  if (reps.empty() || rows == 0) return "";
  const double t_end = t[rows - 1];
  // One measure of one site over time: the mean across replications with a 95 % band, never
  // below zero (counts of vehicles).
  auto all_zero = [&](std::size_t site, bool busy) {
    for (const Rep& rep : reps)
      for (std::size_t i = 0; i < rows; ++i)
        if ((busy ? rep.busy : rep.queue)[site][i] != 0) return false;
    return true;
  };
  auto band = [&](std::size_t site, bool busy, const std::string& label) {
    svg::Series s;
    s.name = label;
    for (std::size_t i = 0; i < rows; ++i) {
      std::vector<double> v;
      for (const Rep& rep : reps) v.push_back((busy ? rep.busy : rep.queue)[site][i]);
      const sim::Interval ci = sim::mean_ci(v);
      s.x.push_back(t[i]);
      s.y.push_back(ci.mean);
      s.lo.push_back(std::isnan(ci.lo) ? ci.mean : std::max(0.0, ci.lo));
      s.hi.push_back(std::isnan(ci.hi) ? ci.mean : ci.hi);
    }
    return s;
  };
  // Closed windows per side: the complement of its open windows.
  std::map<std::string, std::vector<std::pair<double, double>>> open;
  const std::string windows = prefix + "windows";
  if (h5::exists(c.file, windows))
    for (const row::Window& w : read_rows<row::Window>(c.file, windows, table_spec(Table::Windows)))
      open[text(w.side)].emplace_back(w.open_s, w.close_s);
  // Sites by the chart they go in: a side's stops (its stages, joint stops, officers, intakes),
  // the rail terminals, a side's yards.
  std::map<std::int32_t, std::vector<std::size_t>> stops, yards;  // by side code (-1: terminals)
  std::vector<std::string> idle;
  for (std::size_t k = 0; k < sites.size(); ++k) {
    const auto kind = static_cast<models::SiteKind>(sites[k].kind);
    if (kind == models::SiteKind::Yard) {
      if (!all_zero(k, false) || !all_zero(k, true)) yards[sites[k].side].push_back(k);
    } else if (all_zero(k, false)) {
      idle.push_back(text(sites[k].name));
    } else {
      stops[kind == models::SiteKind::Terminal ? -1 : sites[k].side].push_back(k);
    }
  }
  auto shade_closed = [&](svg::Chart& ch, std::int32_t side) {
    if (side < 0) return;
    auto it = open.find(c.names.side_name(side));
    if (it == open.end()) return;
    double prev = 0;
    const std::string label = it->first + " closed (its local hours)";
    for (const auto& [o, cl] : it->second) {
      if (o > prev) ch.shade(x_of(c, prev), x_of(c, o), label);
      prev = std::max(prev, cl);
    }
    if (prev < t_end) ch.shade(x_of(c, prev), x_of(c, t_end), label);
  };
  auto chart = [&](const std::string& id, const std::string& title, std::int32_t side,
                   std::vector<svg::Series> ss) {
    double ymax = 1;
    for (const auto& s : ss)
      for (double v : s.hi) ymax = std::max(ymax, v);
    svg::Chart ch(id, title, 760, 300);
    time_axis(ch, c, t_end);
    ch.y_axis("vehicles", 0, ymax * 1.05);
    shade_closed(ch, side);
    if (c.warmup_s > 0 && c.warmup_s < t_end) ch.vline(x_of(c, c.warmup_s), "warm-up ends", 6);
    for (auto& s : ss) {
      to_days_unless_dated(c, s);
      ch.line(s);
    }
    return ch.svg();
  };
  std::string s = fmt::format(
      "<section id=\"queues\"><h2>Queues over time</h2><p>Vehicles waiting at each stop, then "
      "in each side's yard and on the road outside it: mean over {} replication(s) with a 95 % "
      "band; grey: the side is closed (its own local hours). Each stop keeps its colour in every "
      "chart.</p>",
      reps.size());
  int k = 0;
  std::vector<std::int32_t> sides;
  for (const auto& [side, ks] : stops) sides.push_back(side);
  for (const auto& [side, ks] : yards)
    if (!stops.count(side)) sides.push_back(side);
  for (const std::int32_t side : sides) {
    const std::string side_name = c.names.side_name(side);
    if (stops.count(side)) {
      std::vector<svg::Series> ss;
      for (std::size_t site : stops[side]) {
        const std::string stop = text(sites[site].name);
        svg::Series line = band(site, false, stop);
        line.styled = true;
        line.style = c.stop_colours.of(stop);
        line.tag = svg::Tag{"stop", stop};
        ss.push_back(std::move(line));
      }
      s += chart("queue-" + std::to_string(k++),
                 side < 0 ? std::string("Wagons waiting at the rail terminals' cranes")
                          : "Vehicles waiting at the stops of " + side_name,
                 side, std::move(ss));
    }
    if (yards.count(side)) {
      // Outbound in one colour, inbound in another; the yard solid, the road dashed.
      std::vector<svg::Series> ss;
      for (std::size_t site : yards[side]) {
        const bool inbound = static_cast<models::SiteDirection>(sites[site].direction) ==
                             models::SiteDirection::Inbound;
        const std::string dir = inbound ? "inbound" : "outbound";
        for (const bool road : {false, true}) {
          svg::Series line = band(site, !road, dir + (road ? " road" : " yard"));
          line.styled = true;
          line.style = svg::Style{inbound ? svg::palette_colour(2) : svg::palette_colour(0),
                                  road ? "6 3" : ""};
          ss.push_back(std::move(line));
        }
      }
      s +=
          chart("road-queue-" + std::to_string(k++),
                "Vehicles in the yard and queued on the road at " + side_name, side, std::move(ss));
    }
  }
  if (!idle.empty())
    s += "<p class=\"note\">No vehicle ever waited at " + escape(list_text(idle)) + ".</p>";
  return s + "</section>";
}

// The daily backlog per crossing direction (mean across replications with a 95 % band): a line
// that keeps rising is a queue that never settles. `id` keeps the charts' ids apart when a
// comparison draws one section per scenario.
std::string backlog(const Context& c, const std::string& id) {
  const auto series = read_series(c.file, c.base, Table::Backlog);
  if (!series) return "";
  std::string s = fmt::format(
      "<section id=\"{}\"><h2>Backlog over time</h2><p>Vehicles that have reached each "
      "crossing and not yet left it, by direction, every day: mean over {} replication(s) with a "
      "95 % band. A backlog that keeps growing means the results depend on the horizon.</p>",
      escape(id), series->data.size());
  std::vector<std::string> empty;
  for (std::size_t k = 1; k < series->cols.size(); ++k) {
    if (series->all_zero(k)) {
      empty.push_back(series->cols[k]);
      continue;
    }
    svg::Series line = series->band(k, series->cols[k]);
    double ymax = 1;
    for (double v : line.hi) ymax = std::max(ymax, v);
    svg::Chart ch(id + "-" + std::to_string(k), "Backlog at " + series->cols[k], 760, 250);
    time_axis(ch, c, std::max(series->t_end(), sim::kDay));
    ch.y_axis("vehicles", 0, ymax * 1.05);
    if (c.warmup_s > 0) ch.vline(x_of(c, c.warmup_s), "warm-up ends", 6);
    to_days_unless_dated(c, line);
    ch.line(line);
    s += ch.svg();
  }
  if (!empty.empty()) s += "<p class=\"note\">No backlog at " + escape(list_text(empty)) + ".</p>";
  return s + "</section>";
}

}  // namespace outputs::report

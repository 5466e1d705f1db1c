// What the report's sections share (report_parts.hpp): reading summaries, finding rows,
// formatting figures for sentences, and the report's colours and calendar.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "models/records.hpp"
#include "models/zone.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/verify.hpp"
#include "report/report_parts.hpp"

namespace outputs::report {

using svg::escape;

std::vector<Row> read_summary(hid_t loc, const std::string& path) {
  std::vector<Row> rows;
  if (!h5::exists(loc, path)) return rows;
  for (const row::Summary& r : read_rows<row::Summary>(loc, path, table_spec(Table::Summary)))
    rows.push_back(Row{text(r.key.metric), group_of(r.codes), text(r.key.group), text(r.key.unit),
                       r.ci.mean, r.ci.ci95_lo, r.ci.ci95_hi, r.ci.n});
  return rows;
}

const Row* find(const std::vector<Row>& rows, std::string_view metric, const Group& g) {
  for (const Row& r : rows)
    if (r.metric == metric && r.group == g) return &r;
  return nullptr;
}

const Row* find_first(const std::vector<Row>& rows, const std::vector<std::string_view>& metrics,
                      const Group& g) {
  for (std::string_view m : metrics)
    if (const Row* r = find(rows, m, g)) return r;
  return nullptr;
}

bool has_metric(const std::vector<Row>& rows, std::string_view metric) {
  return std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.metric == metric; });
}

int better_direction(std::string_view metric) {
  const auto m = metric_by_name(metric);
  if (!m) return 0;
  const Better b = metric_spec(*m).better;
  return b == Better::Lower ? -1 : b == Better::Higher ? 1 : 0;
}

Bounds bounds_of(std::string_view metric) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (metric == "backlog_growth_per_day") return {-inf, inf};
  const auto m = metric_by_name(metric);
  if ((m && metric_spec(*m).unit == "share") || metric.find("share") != std::string_view::npos ||
      metric == "utilisation")
    return {0, 1};
  return {0, inf};
}

double clip(double v, Bounds b) {
  return std::isnan(v) ? v : std::clamp(v, b.lo, b.hi);
}

std::string attr_or(hid_t f, const char* name, const std::string& fallback) {
  return has_attribute(f, name) ? h5::read_attr_string(f, name) : fallback;
}

double attr_number(hid_t f, const char* name, double fallback) {
  return has_attribute(f, name) ? h5::read_attr_double(f, name) : fallback;
}

std::string provenance_table(hid_t f,
                             const std::vector<std::pair<std::string, std::string>>& more) {
  std::string s = "<details class=\"meta\"><summary>Provenance</summary><table class=\"meta\">";
  auto row = [&](const std::string& k, const std::string& v) {
    s += "<tr><th>" + svg::escape(k) + "</th><td>" + svg::escape(v) + "</td></tr>";
  };
  row("run on", attr_or(f, "created"));
  row("bordersim", attr_or(f, "bordersim_version") + " (" + attr_or(f, "git_revision") + ")");
  row("scenario file", attr_or(f, "scenario_file"));
  for (const auto& [k, v] : more) row(k, v);
  return s + "</table></details>";
}

namespace {

// Every name of one /lookup table over the scenarios of a file: the run's, a comparison's
// scenarios', a sweep's points'.
std::vector<std::string> names_everywhere(hid_t f, const std::string& lookup) {
  std::vector<std::string> out;
  auto add = [&](const std::string& base) {
    const std::string path = (base.empty() ? "" : base + "/") + "lookup/" + lookup;
    if (!h5::exists(f, path)) return;
    for (const std::string& n : read_lookup(f, path)) out.push_back(n);
  };
  add("");
  for (const char* top : {"scenarios", "sweep"})
    if (h5::exists(f, top))
      for (const std::string& s : h5::children(f, top)) add(std::string(top) + "/" + s);
  return out;
}

}  // namespace

Context make_context(hid_t f, const std::string& base) {
  Context c;
  c.file = f;
  c.warmup_s = attr_number(f, "warmup_s");
  c.horizon_s = attr_number(f, "horizon_s");
  c.replications = static_cast<int>(attr_number(f, "replications"));
  if (has_attribute(f, "start_epoch_s")) {
    c.dated = true;
    c.calendar.epoch_s = h5::read_attr_double(f, "start_epoch_s");
    c.calendar.offset_s = static_cast<int>(attr_number(f, "utc_offset_s"));
    c.calendar.zone = models::zone_label(attr_or(f, "time_zone", "UTC"), c.calendar.offset_s);
  }
  std::vector<std::string> cargo = names_everywhere(f, "cargo");
  cargo.push_back(cargo_title(GroupNames{}, models::kEmptyCargo));
  c.cargo_colours = svg::ColourMap(cargo);
  c.stop_colours = svg::ColourMap(names_everywhere(f, "stops"));
  return with_base(c, f, base);
}

Context with_base(const Context& from, hid_t f, const std::string& base) {
  Context c = from;
  c.base = base;
  c.names = read_group_names(f, base);
  c.cargo_currency.clear();
  const std::string path = (base.empty() ? "" : base + "/") + "lookup/cargo";
  if (h5::exists(f, path))
    for (const row::CargoLookup& r :
         read_rows<row::CargoLookup>(f, path, table_spec(Table::CargoLookup)))
      c.cargo_currency.push_back(text(r.currency));
  return c;
}

std::string number(double v) {
  if (std::isnan(v)) return "—";
  if (std::abs(v) < 5e-4) return "0";
  const double a = std::abs(v);
  std::string s = a >= 1000   ? fmt::format("{:.0f}", v)
                  : a >= 100  ? fmt::format("{:.0f}", v)
                  : a >= 10   ? fmt::format("{:.1f}", v)
                  : a >= 1    ? fmt::format("{:.2f}", v)
                  : a >= 0.01 ? fmt::format("{:.3f}", v)
                              : fmt::format("{:.2g}", v);
  if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (a >= 10000) {  // thousands separated: 12,500
    std::string digits = fmt::format("{:.0f}", a), grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    s = (v < 0 ? "-" : "") + grouped;
  }
  return s;
}

std::string with_ci(const Row& r, const std::string& unit_text) {
  const Bounds b = bounds_of(r.metric);
  // Shares as percentages; everything else as a number with the unit given.
  const bool share = r.unit == "share";
  auto show = [&](double v) { return share ? percent(v) : number(v); };
  std::string s = show(r.mean) + (unit_text.empty() || share ? "" : " " + unit_text);
  if (!std::isnan(r.lo) && r.hi > r.lo)
    s += fmt::format(" <span class=\"ci\">[{}, {}]</span>", show(clip(r.lo, b)),
                     show(clip(r.hi, b)));
  return s;
}

namespace {
struct TimeUnit {
  double per_hour;
  const char* name;
};
TimeUnit time_unit(double h) {
  if (std::abs(h) < 1) return {60, "min"};
  if (std::abs(h) < 72) return {1, "h"};  // a logistics plan counts hours up to three days
  return {1.0 / 24, "days"};
}
}  // namespace

std::string hours(double h) {
  if (std::isnan(h)) return "—";
  const TimeUnit u = time_unit(h);
  return number(h * u.per_hour) + " " + u.name;
}

std::string hours_ci(const Row& r) {
  const TimeUnit u = time_unit(r.mean);
  std::string s = number(r.mean * u.per_hour) + " " + u.name;
  if (!std::isnan(r.lo) && r.hi > r.lo)
    s += fmt::format(" <span class=\"ci\">[{}, {}]</span>",
                     number(std::max(0.0, r.lo) * u.per_hour), number(r.hi * u.per_hour));
  return s;
}

std::string percent(double share) {
  const double p = share * 100;
  if (p > 0 && p < 0.1) return "under 0.1 %";
  return (p < 10 && p != 0 ? fmt::format("{:.1f}", p) : fmt::format("{:.0f}", p)) + " %";
}

std::string signed_percent(double pct) {
  if (std::isnan(pct)) return "—";
  if (std::abs(pct) < 0.05) return "0 %";
  return (std::abs(pct) < 10 ? fmt::format("{:+.1f}", pct) : fmt::format("{:+.0f}", pct)) + " %";
}

std::string cargo_title(const GroupNames& n, std::int32_t cargo) {
  return cargo == models::kEmptyCargo ? "empty trucks" : n.cargo_name(cargo);
}

std::string direction_title(std::int32_t d) {
  return d == 0 ? "exports" : d == 1 ? "imports" : "";
}

std::string metric_phrase(std::string_view metric) {
  static const std::map<std::string_view, const char*> words = {
      {"border_time_mean", "mean border-crossing time"},
      {"border_time_p50", "median border-crossing time"},
      {"border_time_p95", "95th-percentile border-crossing time"},
      {"transit_mean", "mean transit time"},
      {"transit_p50", "median transit time"},
      {"transit_p95", "95th-percentile transit time"},
      {"wait_mean", "mean waiting time"},
      {"road_wait_mean", "mean wait on the road"},
      {"spoiled_share", "share of loads spoiled"},
      {"value_lost_per_day", "value lost per day"},
      {"throughput_per_day", "throughput (vehicles a day)"},
      {"completed_per_day", "vehicles completed a day"},
      {"gave_up_per_day", "vehicles giving up a day"},
      {"lost_per_day", "vehicles lost a day"},
      {"deferred_per_day", "loads held at the origin a day"},
      {"cancelled_per_day", "loads cancelled a day"},
      {"diverted_per_day", "loads sent another way a day"},
      {"hold_mean", "mean hold at the origin"},
      {"in_system_at_end", "vehicles still in the model at the horizon"},
      {"backlog_at_end", "backlog at the horizon"},
      {"backlog_growth_per_day", "backlog growth a day"},
      {"segment_exit_mean", "time at the exit side"},
      {"segment_intake_mean", "wait for the far side's intake"},
      {"segment_entry_mean", "time at the entry side"},
      {"segment_joint_mean", "time at joint stops"},
      {"segment_bridge_mean", "time on the bridge and in transshipment"}};
  auto it = words.find(metric);
  return it == words.end() ? std::string(metric) : it->second;
}

std::string group_phrase(const GroupNames& n, const Group& g, const std::string& label) {
  if (g.kind == GroupKind::All) return "all vehicles";
  if (g.kind == GroupKind::Cargo) return cargo_title(n, g.cargo);
  if (g.cargo >= 0 && g.direction >= 0 && g.kind == GroupKind::CargoDirection)
    return cargo_title(n, g.cargo) + " " + direction_title(g.direction);
  return label;
}

bool in_hours(const std::string& unit) {
  return unit == "h";
}

svg::Style cargo_style(const Context& c, std::int32_t cargo) {
  return c.cargo_colours.of(cargo_title(c.names, cargo));
}

svg::Tag cargo_tag(const Context& c, std::int32_t cargo) {
  return svg::Tag{"cargo", cargo_title(c.names, cargo)};
}

std::string cargo_swatch(const Context& c, std::int32_t cargo) {
  return fmt::format("<span class=\"swatch\"{} style=\"background:{}\"></span>",
                     cargo_tag(c, cargo).attr(), cargo_style(c, cargo).colour);
}

std::vector<std::int32_t> cargo_present(const std::vector<Row>& rows) {
  std::set<std::int32_t> codes;
  for (const Row& r : rows)
    if (r.group.kind == GroupKind::Cargo && r.group.cargo >= 0) codes.insert(r.group.cargo);
  return {codes.begin(), codes.end()};  // kEmptyCargo, the largest code, comes last
}

}  // namespace outputs::report

// Staffing (models/staffing.hpp): a stage's or an agency's `staffing:` (servers over hours of the
// day, on weekdays or over dates), and a side's `agencies:`. Two entries of one kind (every day,
// weekdays, dates) that cover the same instant are refused at the second; the more specific kind
// wins where kinds overlap.
#include <string>

#include "models/loader_parts.hpp"
#include "models/units.hpp"

namespace models::detail {

namespace {

// Do two entries of one kind cover a common instant?
bool overlap(const StaffingEntry& a, const StaffingEntry& b) {
  if (a.hours.close_s <= b.hours.open_s || b.hours.close_s <= a.hours.open_s) return false;
  bool day = false;
  for (std::size_t d = 0; d < 7; ++d) day = day || (a.days[d] && b.days[d]);
  if (!day) return false;
  if (a.dates && b.dates) return a.dates->from <= b.dates->to && b.dates->from <= a.dates->to;
  return true;
}

}  // namespace

std::vector<StaffingEntry> Loader::staffing(const Section& stage) {  // or an agency
  std::vector<StaffingEntry> out;
  if (!stage.has("staffing")) return out;
  const YamlNode& l = stage.list("staffing");
  if (l.items.size() > kMaxDatedRanges)
    fail(l, stage.at("staffing"), "at most " + std::to_string(kMaxDatedRanges) + " entries");
  for (std::size_t i = 0; i < l.items.size(); ++i) {
    const Section s(l.items[i], item(stage.at("staffing"), i), schema("staffing"));
    StaffingEntry e;
    e.hours = Hours{s.time("from"), s.time("to")};
    if (!(e.hours.close_s > e.hours.open_s))
      fail(*s.raw("to"), s.at("to"), "ends before it starts (an entry lies within one day)");
    e.servers = static_cast<int>(s.integer("servers"));
    if (e.servers < 0 || e.servers > 10000)
      fail(*s.raw("servers"), s.at("servers"), "must be between 0 and 10000");
    e.days.assign(7, !s.has("days"));
    e.days_given = s.has("days");
    if (e.days_given)
      for (int d : s.choice_list("days")) e.days[static_cast<std::size_t>(d)] = true;
    if (s.has("dates")) {
      e.dates =
          parsed_at(*s.raw("dates"), s.at("dates"), "dates 'YYYY-MM-DD..YYYY-MM-DD'",
                    [](const std::string& t) {
                      const std::size_t dots = t.find("..");
                      if (dots == std::string::npos)
                        throw std::invalid_argument(
                            "expected dates 'YYYY-MM-DD..YYYY-MM-DD', got '" + t + "'");
                      const long from = units::date(t.substr(0, dots));  // located by parsed_at
                      const long to = units::date(t.substr(dots + 2));   // located by parsed_at
                      DateRange r{from, to};
                      if (r.to < r.from)
                        throw std::invalid_argument("the range ends before it starts");
                      return r;
                    });
    }
    for (std::size_t j = 0; j < out.size(); ++j)
      if (out[j].specificity() == e.specificity() && overlap(out[j], e))
        fail(l.items[i], s.path(),
             "overlaps " + item(stage.at("staffing"), j) +
                 " (entries of one kind may not cover the same instant; a dated or weekday "
                 "entry overrides an every-day one)");
    out.push_back(std::move(e));
  }
  return out;
}

void Loader::agencies(const Section& side, GateSide& g) {
  if (!side.has("agencies")) return;
  for (const YamlNode::Entry& e : side.mapping("agencies").entries) {
    const std::string& id = e.key;
    check_key_id(e, join(side.at("agencies"), id));
    const Section s(e.value, join(side.at("agencies"), id), schema("agency"));
    Agency a;
    a.id = id;
    const YamlNode& l = s.list("stages");
    if (l.items.empty()) fail(l, s.at("stages"), "expected at least one stage of " + g.id);
    std::vector<std::string> stage_ids;
    for (const Stage& st : g.stages) stage_ids.push_back(st.id);
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      const std::string p = item(s.at("stages"), i);
      if (!l.items[i].is_scalar()) fail(l.items[i], p, "expected a stage id");
      const std::size_t k =
          resolve(stage_ids, l.items[i].scalar, l.items[i], p, ("stage of " + g.id).c_str());
      Stage& st = g.stages[k];
      if (st.agency >= 0)
        fail(l.items[i], p,
             "stage " + echo(st.id) + " already belongs to agency " +
                 echo(g.agencies[static_cast<std::size_t>(st.agency)].id) +
                 " (a stage's officers come from one agency)");
      st.agency = static_cast<int>(g.agencies.size());
      a.stages.push_back(k);
    }
    a.pooled = s.has("officers") || s.has("staffing");
    a.staffing = staffing(s);
    if (s.has("officers")) {
      a.officers = s.count("officers");
    } else {
      // The same officers, pooled: as many as its stages' servers and lanes.
      for (std::size_t k : a.stages) a.officers += g.stages[k].servers + g.stages[k].lane.servers;
    }
    if (a.pooled)
      for (std::size_t k : a.stages)
        if (!g.stages[k].staffing.empty())
          fail(l, s.at("stages"),
               "stage " + echo(g.stages[k].id) + " has its own staffing, but agency " + echo(id) +
                   " pools its officers: give the schedule on the agency (the stage's servers are "
                   "then its booths)");
    if (s.has("cost")) {
      const Section c(*s.raw("cost"), s.at("cost"), schema("staff_cost"));
      for (const char* key : {"officer_hour", "booth_hour"}) {
        if (!c.has(key)) continue;
        const double v = to_reporting(c, key, c.money(key));
        if (!(v >= 0)) fail(*c.raw(key), c.at(key), "a cost may not be negative");
        (std::string(key) == "officer_hour" ? a.cost.officer_hour : a.cost.booth_hour) = v;
      }
      a.cost.given = true;
    }
    g.agencies.push_back(std::move(a));
  }
}

}  // namespace models::detail

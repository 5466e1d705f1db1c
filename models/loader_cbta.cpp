// The CBTA switches of a crossing (scenario keys `crossings.<id>.joint`, `pre_arrival`,
// `channel_shares`, `harmonised_hours`): who staffs a joint facility and what a single stop
// removes, advance information, risk-based selection and harmonised hours. Reform switches that
// change a gate side (its channel shares, its hours) are applied to the side here, once: a side
// two crossings would change differently is an error.
#include <algorithm>

#include "models/loader_parts.hpp"
#include "models/source_error.hpp"
#include "models/suggest.hpp"
#include "sim/time.hpp"

namespace models::detail {

namespace {

// "<side>.<stage>" -> (side, stage), or a located error naming what exists.
std::pair<std::size_t, std::size_t> stage_ref(const Scenario& sc,
                                              const std::vector<std::string>& side_names,
                                              const std::string& text, const YamlNode& at,
                                              const std::string& path) {
  const std::size_t dot = text.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == text.size())
    fail(at, path, "expected a stage as <side>.<stage>, got " + echo(text));
  const std::size_t side = resolve(side_names, text.substr(0, dot), at, path, "gate side");
  std::vector<std::string> stages;
  for (const Stage& st : sc.sides[side].stages) stages.push_back(st.id);
  const std::size_t stage =
      resolve(stages, text.substr(dot + 1), at, path, ("stage of " + side_names[side]).c_str());
  return {side, stage};
}

}  // namespace

void Loader::cbta(const Section& s, Crossing& c, std::vector<std::string>& side_changed_by) {
  const std::size_t sides[2] = {c.side_a, c.side_b};
  auto is_crossing_side = [&](std::size_t side) { return side == c.side_a || side == c.side_b; };
  // A pooled agency's stage joined into a joint stop brings the agency's pool (its staffing by
  // the hour) to the facility; under full teams there is no pool to bring.
  auto pooled = [&](std::size_t side, std::size_t stage) -> const Agency* {
    const Stage& st = sc.sides[side].stages[stage];
    const Agency* a =
        st.agency >= 0 ? &sc.sides[side].agencies[static_cast<std::size_t>(st.agency)] : nullptr;
    return a && a->pooled ? a : nullptr;
  };
  if (s.has("joint")) {
    const Section j(*s.raw("joint"), s.at("joint"), schema("joint"));
    read_params(j, c.joint);
    if (j.has("booths")) {
      const YamlNode& b = *j.raw("booths");
      if (b.is_mapping()) {
        read_params(Section(b, j.at("booths"), schema("joint_booths")), c.joint);
      } else {
        c.joint.booths[0] = c.joint.booths[1] = j.count("booths");
      }
    }
    if (c.joint.staffing == JointStaffing::Teams && !j.has("booths"))
      fail(j.node(), j.path(),
           "staffing: teams needs 'booths' (the full joint teams of each joint stop): a joint "
           "stop's capacity is stated, never inferred");
    if (j.has("officers")) {
      if (c.joint.staffing == JointStaffing::Teams)
        fail(*j.raw("officers"), j.at("officers"),
             "'officers' is for staffing: agencies; under teams every booth is a full team");
      const YamlNode& m = j.mapping("officers");
      for (const YamlNode::Entry& e : m.entries) {
        const std::string at = join(j.at("officers"), e.key);
        const auto [side, stage] = stage_ref(sc, side_names, e.key, e.value, at);
        if (!is_crossing_side(side))
          fail(e.value, at,
               "gate side " + echo(side_names[side]) + " is not a side of crossing " + echo(c.id));
        if (const Agency* a = pooled(side, stage))
          fail(e.value, at,
               "this stage's officers are agency " + echo(a->id) +
                   "'s pool, which the joint stop shares: give the agency's officers or staffing "
                   "instead");
        const long long n = integer_at(e.value, at, 1, 10000);
        c.joint.officers.push_back(JointOfficers{side, stage, static_cast<int>(n)});
      }
    }
    if (j.has("hours"))
      c.joint.hours = read_hours(Section(*j.raw("hours"), j.at("hours"), schema("hours")));
    if (j.has("removes")) {
      c.joint.removes_given = true;
      const YamlNode& l = j.list("removes");
      for (std::size_t i = 0; i < l.items.size(); ++i) {
        const std::string at = item(j.at("removes"), i);
        if (!l.items[i].is_scalar()) fail(l.items[i], at, "expected <side>.<stage>");
        const auto ref = stage_ref(sc, side_names, l.items[i].scalar, l.items[i], at);
        if (!is_crossing_side(ref.first))
          fail(l.items[i], at, "not a stage of a side of crossing " + echo(c.id));
        if (!sc.sides[ref.first].stages[ref.second].outbound)
          fail(l.items[i], at,
               "a single stop removes exit-side checks: this stage serves no vehicle leaving its "
               "country");
        c.joint.removes.push_back(ref);
      }
    }
  }
  if (c.mode != CbtaMode::Sequential && c.joint.staffing == JointStaffing::Teams)
    for (std::size_t side : sides)
      for (std::size_t k = 0; k < sc.sides[side].stages.size(); ++k)
        if (const Agency* a = pooled(side, k); a && sc.sides[side].stages[k].joinable)
          fail(s.raw("mode") ? *s.raw("mode") : s.node(), s.at("mode"),
               "stage " + sc.sides[side].id + "." + sc.sides[side].stages[k].id +
                   " is served by agency " + a->id +
                   "'s pool of officers, but the joint stops are staffed by full teams: use "
                   "joint.staffing: agencies, or keep the stage out (joinable: false)");
  if (s.has("pre_arrival")) {
    const Section p(*s.raw("pre_arrival"), s.at("pre_arrival"), schema("pre_arrival"));
    read_params(p, c.pre_arrival);
    if (p.has("kinds")) {
      c.pre_arrival.kinds = 0;
      for (int k : p.choice_list("kinds")) c.pre_arrival.kinds |= 1u << k;
    }
  }
  // The reforms that change a side: each side at most once.
  auto claim = [&](std::size_t side, const YamlNode& at, const std::string& path) {
    std::string& by = side_changed_by[side];
    if (!by.empty() && by != c.id)
      fail(at, path,
           "gate side " + echo(sc.sides[side].id) + " is also changed by crossing " + echo(by) +
               "; a side's channel shares and hours can be reformed by one crossing only");
    by = c.id;
  };
  if (s.has("channel_shares")) {
    const YamlNode& m = s.mapping("channel_shares");
    const std::string at = s.at("channel_shares");
    bool any = false;
    for (const std::size_t side : sides) {
      for (Stage& st : sc.sides[side].stages) {
        if (st.channels.empty()) continue;
        std::vector<std::string> names;
        for (const Channel& ch : st.channels) names.push_back(ch.name);
        const std::vector<double> sh = shares(m, at, names, "channel");
        for (std::size_t k = 0; k < st.channels.size(); ++k) st.channels[k].share = sh[k];
        st.channel_shares_by_cargo.clear();
        any = true;
      }
      claim(side, m, at);
    }
    if (!any) fail(m, at, "no stage of either side has customs channels to reform");
  }
  if (s.has("harmonised_hours")) {
    const Section h(*s.raw("harmonised_hours"), s.at("harmonised_hours"), schema("hours"));
    const Hours first = read_hours(h);
    GateSide& a = sc.sides[c.side_a];
    GateSide& b = sc.sides[c.side_b];
    const double shift = b.utc_offset_s - a.utc_offset_s;
    const Hours second{first.open_s + shift, first.close_s + shift};
    if (second.open_s < 0 || second.close_s > sim::kDay)
      fail(h.node(), h.path(),
           "in " + echo(b.id) +
               "'s local time this window crosses midnight, which hours cannot "
               "express");
    claim(c.side_a, h.node(), h.path());
    claim(c.side_b, h.node(), h.path());
    a.hours = first;
    b.hours = second;
  }
}

}  // namespace models::detail

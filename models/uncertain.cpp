#include "models/uncertain.hpp"

#include <fmt/format.h>

#include <cmath>

#include "models/overrides.hpp"

namespace models {

std::string range_text(const UncertainInput& in, double v) {
  if (in.unit == kTimeOfDayUnit) {
    const long minutes = std::lround(v * 60);
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
  }
  if (in.integer) return fmt::format("{}{}", std::llround(v), in.unit);
  return fmt::format("{:.6g}{}", v, in.unit);
}

double range_value(const UncertainInput& in, double v) {
  if (in.unit == kTimeOfDayUnit) return static_cast<double>(std::lround(v * 60)) / 60.0;
  if (in.integer) return static_cast<double>(std::llround(v));
  return std::stod(fmt::format("{:.6g}", v));
}

YamlNode range_node(const UncertainInput& in, double v) {
  YamlNode n;
  n.kind = YamlNode::Kind::Scalar;
  n.scalar = range_text(in, v);
  n.file = in.file;
  n.mark = in.mark;
  return n;
}

std::string flow_text(const YamlNode& n) {
  if (n.is_null()) return "~";
  if (n.is_scalar()) return n.quoted ? "\"" + n.scalar + "\"" : n.scalar;
  std::string s;
  if (n.is_sequence()) {
    for (const YamlNode& i : n.items) s += (s.empty() ? "" : ", ") + flow_text(i);
    return "[" + s + "]";
  }
  for (const YamlNode::Entry& e : n.entries)
    s += (s.empty() ? "" : ", ") + e.key + ": " + flow_text(e.value);
  return "{" + s + "}";
}

std::string own_value(const Scenario& sc, const UncertainInput& in) {
  const YamlNode* n = sc.resolved ? find_in_tree(*sc.resolved, in.keys.front()) : nullptr;
  if (!n || n->is_null()) return "(default)";
  for (std::size_t i = 0; i < in.values.size(); ++i)
    if (flow_text(in.values[i]) == flow_text(*n))
      return flow_text(*n) + " ('" + in.labels[i] + "')";
  return flow_text(*n);
}

std::string range_words(const UncertainInput& in) {
  if (in.kind == UncertainInput::Kind::Values) {
    std::string s;
    for (std::size_t i = 0; i < in.labels.size(); ++i)
      s += (s.empty() ? "" : " | ") + in.labels[i] + " " + flow_text(in.values[i]);
    return s;
  }
  std::string s = range_text(in, in.low) + " to " + range_text(in, in.high);
  if (in.dist == UncertainInput::Dist::Triangular)
    s += ", triangular, most likely " + range_text(in, in.mode);
  else if (in.dist == UncertainInput::Dist::LogUniform)
    s += ", log-uniform";
  if (in.integer) s += ", whole numbers";
  return s;
}

void set_uncertain(YamlNode& tree, const UncertainInput& in, YamlNode value) {
  for (std::size_t i = 0; i + 1 < in.keys.size(); ++i)
    set_node_in_tree(tree, in.keys[i], value, in.file, in.key_at);
  set_node_in_tree(tree, in.keys.back(), std::move(value), in.file, in.key_at);
}

}  // namespace models

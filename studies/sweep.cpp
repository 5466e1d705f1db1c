#include "studies/sweep.hpp"

#include "models/loader.hpp"
#include "sim/stop.hpp"

namespace outputs {

namespace {

std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

}  // namespace

std::vector<std::string> split_alternatives(const std::string& values) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const char c = values[i];
    if (quote) {
      if (c == '\\' && quote == '"' && i + 1 < values.size())
        ++i;  // an escaped character inside "..."
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(trim(values.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trim(values.substr(start)));
  return out;
}

SweepAxis parse_sweep_set(const std::string& set) {
  const auto eq = set.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == set.size())
    throw SweepError("--set " + set + ": expected key.path=v1,v2,...");
  SweepAxis axis{set.substr(0, eq), split_alternatives(set.substr(eq + 1))};
  for (const std::string& v : axis.values)
    if (v.empty())
      throw SweepError("--set " + set +
                       ": an empty value (two commas, or a comma at an end); quote an empty "
                       "string as \"\"");
  return axis;
}

std::vector<std::vector<std::size_t>> sweep_grid(const std::vector<SweepAxis>& axes) {
  std::vector<std::vector<std::size_t>> grid{{}};
  for (const SweepAxis& axis : axes) {
    std::vector<std::vector<std::size_t>> next;
    for (const auto& g : grid)
      for (std::size_t i = 0; i < axis.values.size(); ++i) {
        sim::poll_stop();  // per grid point: a huge grid stops at once
        next.push_back(g);
        next.back().push_back(i);
      }
    grid = std::move(next);
  }
  return grid;
}

std::string sweep_label(const std::vector<SweepAxis>& axes, const std::vector<std::size_t>& point) {
  std::string label;
  for (std::size_t a = 0; a < axes.size(); ++a)
    label += (label.empty() ? "" : ";") + axes[a].path + "=" + axes[a].values[point[a]];
  return label;
}

std::vector<SweepPoint> sweep_points(const std::string& file, const std::vector<SweepAxis>& axes) {
  const std::string text = models::read_text_file(file);
  return sweep_points(models::load_merged_tree(file), file, text, axes);
}

std::vector<SweepPoint> sweep_points(const models::YamlNode& base, const std::string& file,
                                     const std::string& text, const std::vector<SweepAxis>& axes) {
  std::vector<SweepPoint> points;
  for (const auto& g : sweep_grid(axes)) {
    sim::poll_stop();  // each point is a whole scenario read and checked
    models::YamlNode tree = base;
    for (std::size_t a = 0; a < axes.size(); ++a)
      models::set_in_tree(tree, axes[a].path, axes[a].values[g[a]], "--set " + axes[a].path);
    points.push_back(
        SweepPoint{sweep_label(axes, g), models::load_scenario_tree(tree, file, text)});
  }
  return points;
}

}  // namespace outputs

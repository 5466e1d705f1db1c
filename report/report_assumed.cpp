// "Assumed, not explored": a run, comparison or sweep of a scenario that declares uncertain
// inputs answers for one value of each. The section lists them (from the `uncertain_inputs`
// attribute the writer stores with each scenario) and says how to see the answer move.
#include <fmt/format.h>

#include <algorithm>

#include "outputs/hdf5.hpp"
#include "report/report_parts.hpp"

namespace outputs::report {

namespace {

using svg::escape;

struct Assumed {
  std::string name, key, range, value, basis;
};

std::vector<Assumed> parse(const std::string& text) {
  std::vector<Assumed> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::vector<std::string> f;
    for (std::size_t p = at; p <= end;) {
      const std::size_t tab = std::min(text.find('\t', p), end);
      f.push_back(text.substr(p, tab - p));
      p = tab + 1;
    }
    if (f.size() >= 5) out.push_back(Assumed{f[0], f[1], f[2], f[3], f[4]});
    at = end + 1;
  }
  return out;
}

std::string attribute_at(hid_t f, const std::string& where, const char* name) {
  if (where.empty()) return attr_or(f, name);
  if (!h5::exists(f, where)) return "";
  h5::Handle g(H5Gopen2(f, where.c_str(), H5P_DEFAULT), H5Gclose, where.c_str());
  return attr_or(g, name);
}

// A path as a shell word: quoted when it holds anything but plain characters.
std::string shell_word(const std::string& s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("/._-+").find(c) != std::string_view::npos;
  });
  if (plain) return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

std::string assumed(hid_t f, const std::vector<std::string>& where,
                    const std::vector<std::string>& labels) {
  // One table per distinct list (a comparison's scenarios usually share theirs).
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;  // text -> labels
  std::vector<std::string> files;
  for (std::size_t i = 0; i < where.size(); ++i) {
    const std::string text = attribute_at(f, where[i], "uncertain_inputs");
    const std::string file = attribute_at(f, where[i], "scenario_file");
    if (!file.empty() && std::find(files.begin(), files.end(), file) == files.end())
      files.push_back(file);
    if (text.empty()) continue;
    auto it =
        std::find_if(lists.begin(), lists.end(), [&](const auto& l) { return l.first == text; });
    const std::string label = i < labels.size() ? labels[i] : "";
    if (it == lists.end())
      lists.push_back({text, {label}});
    else
      it->second.push_back(label);
  }
  if (lists.empty()) return "";
  std::string command = "bordersim explore";
  for (const std::string& file : files) command += " " + shell_word(file);
  std::string s =
      "<section id=\"assumed\"><h2>Assumed, not explored</h2><p>The scenario marks these inputs "
      "as uncertain, and this report answers for one value of each (the value run). Run <code>" +
      escape(command) + "</code> to see how the answer moves with them.</p>";
  for (const auto& [text, who] : lists) {
    std::string names;
    for (const std::string& w : who)
      if (!w.empty()) names += (names.empty() ? "" : ", ") + w;
    if (lists.size() > 1 || (!names.empty() && who.size() < where.size()))
      s += "<h3>" + escape(names) + "</h3>";
    s += "<table class=\"summary assumed\"><tr><th>input</th><th>key</th><th>range or "
         "alternatives</th><th>value run</th><th>source or why assumed</th></tr>";
    for (const Assumed& a : parse(text))
      s += "<tr><td>" + escape(a.name) + "</td><td><code>" + escape(a.key) + "</code></td><td>" +
           escape(a.range) + "</td><td>" + escape(a.value) + "</td><td>" + escape(a.basis) +
           "</td></tr>";
    s += "</table>";
  }
  return s + "</section>";
}

}  // namespace outputs::report

#include "outputs/contract.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "models/scenario.hpp"

namespace outputs {

hid_t hdf5_type(const ColumnSpec& c) {
  switch (c.type) {
    case ColumnType::U8:
      return H5T_NATIVE_UINT8;
    case ColumnType::U16:
      return H5T_NATIVE_UINT16;
    case ColumnType::U32:
      return H5T_NATIVE_UINT32;
    case ColumnType::I32:
      return H5T_NATIVE_INT32;
    case ColumnType::I64:
      return H5T_NATIVE_INT64;
    case ColumnType::F64:
      return H5T_NATIVE_DOUBLE;
    case ColumnType::Str:
      return h5::string_type(c.width);
  }
  throw std::logic_error("column type");
}

std::string type_text(const ColumnSpec& c) {
  switch (c.type) {
    case ColumnType::U8:
      return "uint8";
    case ColumnType::U16:
      return "uint16";
    case ColumnType::U32:
      return "uint32";
    case ColumnType::I32:
      return "int32";
    case ColumnType::I64:
      return "int64";
    case ColumnType::F64:
      return "float64";
    case ColumnType::Str:
      return fmt::format("string[{}]", c.width);
  }
  throw std::logic_error("column type");
}

std::vector<h5::Column> series_columns(Table t, const std::vector<std::string>& names) {
  const auto& spec = table_spec(t).columns;
  std::vector<h5::Column> cols;
  for (std::size_t i = 0; i < names.size(); ++i)
    cols.push_back(h5::Column{names[i], H5T_NATIVE_DOUBLE, i * sizeof(double),
                              i == 0 ? spec[0].unit : spec[1].unit});
  return cols;
}

std::unique_ptr<h5::TableWriter> make_table(
    hid_t parent, const TableSpec& t, const std::vector<std::pair<std::string, std::string>>& units,
    const std::string& name, ChunkPipeline* pipeline) {
  auto w = std::make_unique<h5::TableWriter>(parent, name.empty() ? t.name : name, t.row_size,
                                             h5_columns(t, units), t.chunk_rows, pipeline);
  if (!t.note.empty()) h5::attr_string(w->dataset(), "note", t.note);
  return w;
}

// ---- lookups --------------------------------------------------------------------------------

std::vector<std::string> read_lookup(hid_t loc, const std::string& path) {
  const auto rows = read_rows<row::Lookup>(loc, path, table_spec(Table::Lookup));
  std::vector<std::string> names(rows.size());
  for (const row::Lookup& l : rows)
    if (l.code < rows.size()) names[l.code] = text(l.name);
  return names;
}

GroupNames read_group_names(hid_t loc, const std::string& base) {
  GroupNames n;
  n.flows = read_lookup(loc, base + "/lookup/flows");
  const auto cargo =
      read_rows<row::CargoLookup>(loc, base + "/lookup/cargo", table_spec(Table::CargoLookup));
  n.cargo.resize(cargo.size());
  for (const row::CargoLookup& c : cargo)
    if (c.code < cargo.size()) n.cargo[c.code] = text(c.name);
  n.stops = read_lookup(loc, base + "/lookup/stops");
  n.sides = read_lookup(loc, base + "/lookup/sides");
  // Files written before the backlog have no crossings lookup (and no rows that need it).
  if (h5::exists(loc, base + "/lookup/crossings"))
    n.crossings = read_lookup(loc, base + "/lookup/crossings");
  if (h5::exists(loc, base + "/lookup/routes"))
    n.routes = read_lookup(loc, base + "/lookup/routes");
  if (h5::exists(loc, base + "/lookup/agencies"))
    n.agencies = read_lookup(loc, base + "/lookup/agencies");
  return n;
}

}  // namespace outputs

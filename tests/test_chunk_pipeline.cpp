// Tables written through the ChunkPipeline read back exactly as tables written through HDF5's
// own filters: padded rows, strings, a short last chunk, several tables interleaved, many chunks
// in flight; and a table that is not closed (an interrupted run) is dropped cleanly.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "outputs/chunk_pipeline.hpp"
#include "outputs/hdf5.hpp"

namespace {

namespace h5 = outputs::h5;

struct Row {  // padding after `code` and after `flag`, as the model's records have
  std::uint16_t code;
  double t;
  std::uint8_t flag;
  char name[5];
  std::uint32_t id;
};

std::vector<h5::Column> columns() {
  return {{"code", H5T_NATIVE_UINT16, offsetof(Row, code), ""},
          {"t", H5T_NATIVE_DOUBLE, offsetof(Row, t), "s"},
          {"flag", H5T_NATIVE_UINT8, offsetof(Row, flag), ""},
          {"name", h5::string_type(5), offsetof(Row, name), ""},
          {"id", H5T_NATIVE_UINT32, offsetof(Row, id), ""}};
}

Row row(std::size_t i, int table) {
  Row r;
  std::memset(&r, 0xAB, sizeof r);  // garbage in the padding must not matter
  r.code = static_cast<std::uint16_t>(i * 7 + table);
  r.t = static_cast<double>(i) * 0.1 + table;
  r.flag = static_cast<std::uint8_t>(i % 3);
  std::snprintf(r.name, sizeof r.name, "r%zu", i % 1000);
  r.id = static_cast<std::uint32_t>(i * 13 + 1);
  return r;
}

std::vector<unsigned char> read_back(hid_t file, const std::string& path, std::size_t& n) {
  std::vector<unsigned char> out;
  n = h5::read_table(file, path, sizeof(Row), columns(), out);
  return out;
}

std::string temp_file(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("bordersim_" + name + ".h5")).string();
}

TEST(ChunkPipeline, TablesReadBackAsThroughHdf5Filters) {
  const std::string path = temp_file("pipeline");
  const std::vector<std::size_t> sizes = {0, 1, 64, 1000, 4097, 20000};
  {
    h5::Handle file = h5::create_file(path);
    outputs::ChunkPipeline pipeline(3, 4);
    std::vector<std::unique_ptr<h5::TableWriter>> direct, filtered;
    for (std::size_t k = 0; k < sizes.size(); ++k) {
      direct.push_back(std::make_unique<h5::TableWriter>(file, "direct" + std::to_string(k),
                                                         sizeof(Row), columns(), 64, &pipeline));
      filtered.push_back(std::make_unique<h5::TableWriter>(file, "filtered" + std::to_string(k),
                                                           sizeof(Row), columns(), 64));
    }
    // Interleaved, as the vehicle and visit tables are.
    for (std::size_t i = 0; i < 20000; ++i)
      for (std::size_t k = 0; k < sizes.size(); ++k)
        if (i < sizes[k]) {
          const Row r = row(i, static_cast<int>(k));
          direct[k]->append(r);
          filtered[k]->append(r);
        }
    for (auto& t : direct) t->close();
    for (auto& t : filtered) t->close();
    EXPECT_GT(pipeline.bytes_written(), 0u);
    h5::close_file(file);
  }
  h5::Handle file = h5::open_file(path);
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    std::size_t n1 = 0, n2 = 0;
    const auto a = read_back(file, "direct" + std::to_string(k), n1);
    const auto b = read_back(file, "filtered" + std::to_string(k), n2);
    ASSERT_EQ(n1, sizes[k]);
    ASSERT_EQ(n2, sizes[k]);
    EXPECT_TRUE(a == b) << "table " << k;
    for (std::size_t i = 0; i < n1; ++i) {
      Row r;
      std::memcpy(&r, a.data() + i * sizeof(Row), sizeof r);
      const Row want = row(i, static_cast<int>(k));
      ASSERT_EQ(r.code, want.code);
      ASSERT_EQ(r.t, want.t);
      ASSERT_EQ(r.flag, want.flag);
      ASSERT_EQ(std::string(r.name, strnlen(r.name, 5)), std::string(want.name));
      ASSERT_EQ(r.id, want.id);
    }
  }
  file.reset();
  std::filesystem::remove(path);
}

TEST(ChunkPipeline, AnUnclosedTableIsDroppedWithoutHarm) {
  const std::string path = temp_file("pipeline_unclosed");
  {
    h5::Handle file = h5::create_file(path);
    outputs::ChunkPipeline pipeline(2);
    {
      h5::TableWriter t(file, "t", sizeof(Row), columns(), 16, &pipeline);
      for (std::size_t i = 0; i < 1000; ++i) t.append(row(i, 0));
    }  // unwound without close(): the chunks in flight land, the rest is dropped
    h5::close_file(file);
  }
  h5::Handle file = h5::open_file(path);
  std::size_t n = 0;
  read_back(file, "t", n);
  EXPECT_LE(n, 1000u);
  EXPECT_EQ(n % 16, 0u);
  file.reset();
  std::filesystem::remove(path);
}

}  // namespace

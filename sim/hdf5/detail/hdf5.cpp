// HDF5's error stack and the raw link walk (detail/hdf5.h).
#include "sim/hdf5/detail/hdf5.h"

#include <hdf5.h>

#include <algorithm>
#include <vector>

#include "sim/hdf5/detail/hdf5_id.h"
#include "sim/hdf5/error.h"

namespace rampup::h5::detail {

namespace {

constexpr std::size_t MAX_RECORDED = 16384;  // bytes of recorded stacks kept per call
std::string g_recorded;                      // one thread at a time (file.h)

herr_t append_frame(unsigned n, const H5E_error2_t* err, void* client) {
  auto& out = *static_cast<std::string*>(client);
  if (n > 0) out += "; ";
  out += err->func_name ? std::string(err->func_name) + "(): " : std::string();
  std::string desc = err->desc ? err->desc : "";
  std::replace(desc.begin(), desc.end(), '\n', ' ');  // H5F_open puts a newline in its text
  out += desc;
  return 0;
}

herr_t record(hid_t stack, void*) {
  std::string text;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_frame, &text);
  if (g_recorded.size() < MAX_RECORDED) g_recorded += (g_recorded.empty() ? "" : "; ") + text;
  return 0;
}

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

[[noreturn]] void fail_with_stack(const std::string& action, const std::string& object,
                                  const std::filesystem::path& file) {
  const std::string stack = take_stack();
  if (reports_damage(stack)) throw DamagedError(action, object, file.string(), stack);
  throw Error(action, object, file.string(), stack);
}

void walk_group(hid_t group, const std::string& path, const std::filesystem::path& file) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, collect_link, &names) < 0) {
    fail_with_stack("listing links of group", path, file);
  }
  for (const std::string& name : names) {
    const std::string child = path == "/" ? "/" + name : path + "/" + name;
    const Id object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
    if (!object.valid()) fail_with_stack("opening", child, file);
    if (H5Iget_type(object.get()) != H5I_GROUP) continue;
    const Id g(H5Gopen2(group, name.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.valid()) fail_with_stack("opening group", child, file);
    walk_group(g.get(), child, file);
  }
}

}  // namespace

void record_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, record, nullptr); }

std::string take_recorded_hdf5_errors() { return std::exchange(g_recorded, {}); }

bool reports_damage(const std::string& hdf5_text) {
  return hdf5_text.find("checksum") != std::string::npos ||
         hdf5_text.find("inflate() failed") != std::string::npos;
}

std::string take_stack() {
  const hid_t stack = H5Eget_current_stack();  // copies and clears the current stack
  if (stack < 0) return "(HDF5 error stack unavailable)";
  std::string text;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_frame, &text);
  H5Eclose_stack(stack);
  return text.empty() ? "(HDF5 reported no details)" : text;
}

Silence::Silence() noexcept {
  if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
    func_ = nullptr;
    data_ = nullptr;
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Silence::~Silence() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

void walk_links(const std::filesystem::path& path) {
  const Silence quiet;
  const Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) fail_with_stack("opening HDF5 file for reading", "", path);
  const Id root(H5Gopen2(file.get(), "/", H5P_DEFAULT), H5Gclose);
  if (!root.valid()) fail_with_stack("opening root group", "/", path);
  walk_group(root.get(), "/", path);
}

}  // namespace rampup::h5::detail

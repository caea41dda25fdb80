#include "sim/hdf5/detail/call.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace rampup::h5::detail {

Silence::Silence() noexcept {
  if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
    func_ = nullptr;
    data_ = nullptr;
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Silence::~Silence() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

namespace {

std::string message_of(hid_t msg_id) {
  char text[256] = {};
  H5E_type_t type{};
  if (H5Eget_msg(msg_id, &type, text, sizeof text) <= 0) return {};
  return text;
}

herr_t append_frame(unsigned n, const H5E_error2_t* err, void* client) {
  auto& out = *static_cast<std::string*>(client);
  if (n > 0) out += "; ";
  out += err->func_name ? std::string(err->func_name) + "(): " : std::string();
  std::string desc = err->desc ? err->desc : "";
  std::replace(desc.begin(), desc.end(), '\n', ' ');  // H5F_open puts a newline in its text
  out += desc;
  const std::string minor = message_of(err->min_num);
  if (!minor.empty()) out += " [" + minor + "]";
  return 0;
}

}  // namespace

std::string take_error_stack() {
  const hid_t stack = H5Eget_current_stack();  // copies and clears the current stack
  if (stack < 0) return "(HDF5 error stack unavailable)";
  std::string text;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_frame, &text);
  H5Eclose_stack(stack);
  return text.empty() ? "(HDF5 reported no details)" : text;
}

void fail(const std::string& action, const Ctx& ctx) {
  std::string stack = take_error_stack();
  // Fletcher-32 on data ("data error detected by fletcher32 checksum") or a metadata checksum
  // ("incorrect metadata checksum ..."): stored bytes changed since they were written.
  if (stack.find("checksum") != std::string::npos) {
    throw DamagedError(action, ctx.object, ctx.file.string(), std::move(stack));
  }
  throw Error(action, ctx.object, ctx.file.string(), std::move(stack));
}

void fail(const std::string& action, const Ctx& ctx, const std::string& details) {
  H5Eclear2(H5E_DEFAULT);
  throw Error(action, ctx.object, ctx.file.string(), details);
}

Handle vlen_utf8_type(const Ctx& ctx) {
  Handle type = own(H5Tcopy(H5T_C_S1), Handle::Kind::datatype, "copying string type", ctx);
  check(H5Tset_size(type.id(), H5T_VARIABLE), "making string type variable-length", ctx);
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "setting UTF-8 on string type", ctx);
  return type;
}

namespace {

constexpr unsigned CRT_ORDER = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

Handle make_plist(hid_t cls, const char* what, const Ctx& ctx) {
  return own(H5Pcreate(cls), Handle::Kind::plist, std::string("creating ") + what, ctx);
}

}  // namespace

Handle make_fcpl(const Ctx& ctx) {
  Handle fcpl = make_plist(H5P_FILE_CREATE, "file-creation property list", ctx);
  check(H5Pset_link_creation_order(fcpl.id(), CRT_ORDER), "setting link creation order", ctx);
  check(H5Pset_attr_creation_order(fcpl.id(), CRT_ORDER), "setting attribute creation order", ctx);
  check(H5Pset_obj_track_times(fcpl.id(), 0), "turning off root group timestamps", ctx);
  return fcpl;
}

Handle make_gcpl(const Ctx& ctx) {
  Handle gcpl = make_plist(H5P_GROUP_CREATE, "group-creation property list", ctx);
  check(H5Pset_link_creation_order(gcpl.id(), CRT_ORDER), "setting link creation order", ctx);
  check(H5Pset_attr_creation_order(gcpl.id(), CRT_ORDER), "setting attribute creation order", ctx);
  check(H5Pset_obj_track_times(gcpl.id(), 0), "turning off group timestamps", ctx);
  return gcpl;
}

Handle make_dcpl(const Ctx& ctx) {
  Handle dcpl = make_plist(H5P_DATASET_CREATE, "dataset-creation property list", ctx);
  check(H5Pset_attr_creation_order(dcpl.id(), CRT_ORDER), "setting attribute creation order", ctx);
  check(H5Pset_obj_track_times(dcpl.id(), 0), "turning off dataset timestamps", ctx);
  return dcpl;
}

Handle make_fapl(const Ctx& ctx) {
  Handle fapl = make_plist(H5P_FILE_ACCESS, "file-access property list", ctx);
  check(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_LATEST),
        "setting library version bounds (V18, LATEST)", ctx);
  return fapl;
}

namespace {

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

std::vector<std::string> link_names(hid_t group, const Ctx& ctx) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  // HDF5 1.10.8 frees uninitialised memory when building the sorted link table of a damaged
  // group fails (H5G__dense_build_table's error path: a crash; found by tests/fuzz/results_fuzzer).
  // Native order reads the same links without that table, so a damaged group fails here, cleanly,
  // and the sorted listings below do not fail halfway.
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, collect_link, &names),
        "listing links of group", ctx);
  names.clear();
  idx = 0;
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_link, &names) >= 0) {
    return names;
  }
  H5Eclear2(H5E_DEFAULT);  // creation order not tracked (foreign file): use name order
  names.clear();
  idx = 0;
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link, &names),
        "listing links of group", ctx);
  return names;
}

H5I_type_t object_type(hid_t group, const std::string& name) {
  if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return H5I_BADID;
  }
  const hid_t obj = H5Oopen(group, name.c_str(), H5P_DEFAULT);
  if (obj < 0) {
    H5Eclear2(H5E_DEFAULT);
    return H5I_BADID;
  }
  const H5I_type_t type = H5Iget_type(obj);
  H5Oclose(obj);
  return type;
}

namespace {

std::vector<std::size_t> dims_of(hid_t dataset, const Ctx& ctx, bool max) {
  Handle space = own(H5Dget_space(dataset), Handle::Kind::dataspace, "getting dataspace of", ctx);
  const int rank =
      static_cast<int>(check(H5Sget_simple_extent_ndims(space.id()), "getting rank of", ctx));
  std::vector<hsize_t> cur(static_cast<std::size_t>(rank)), mx(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), cur.data(), mx.data()), "getting shape of", ctx);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < cur.size(); ++i) {
    const hsize_t v = max ? mx[i] : cur[i];
    out.push_back(v == H5S_UNLIMITED ? std::numeric_limits<std::size_t>::max()
                                     : static_cast<std::size_t>(v));
  }
  return out;
}

}  // namespace

std::vector<std::size_t> extent(hid_t dataset, const Ctx& ctx) {
  return dims_of(dataset, ctx, false);
}

std::vector<std::size_t> max_extent(hid_t dataset, const Ctx& ctx) {
  return dims_of(dataset, ctx, true);
}

Handle read_rows_into(hid_t dataset, hid_t mem_type, const std::vector<hsize_t>& shape,
                      hsize_t first, hsize_t count, void* out, const std::string& action,
                      const Ctx& ctx) {
  std::vector<hsize_t> start(shape.size(), 0), extent = shape;
  start[0] = first;
  extent[0] = count;
  const Handle file_space = own(H5Dget_space(dataset), Handle::Kind::dataspace, action, ctx);
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, extent.data(),
                            nullptr),
        action, ctx);
  Handle mem_space = own(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr),
                         Handle::Kind::dataspace, action, ctx);
  check(H5Dread(dataset, mem_type, mem_space.id(), file_space.id(), H5P_DEFAULT, out), action, ctx);
  return mem_space;
}

namespace {
constexpr const char* DIM_WITHOUT_VARIABLE =
    "This is a netCDF dimension but not a netCDF variable.";
}

std::string dimension_only_name(std::size_t size) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s%10d", DIM_WITHOUT_VARIABLE, static_cast<int>(size));
  return buf;
}

bool is_dimension_scale(hid_t dataset) {
  const htri_t scale = H5DSis_scale(dataset);
  H5Eclear2(H5E_DEFAULT);
  return scale > 0;
}

bool is_dimension_only(hid_t dataset) {
  if (!is_dimension_scale(dataset)) return false;
  char name[128] = {};
  const ssize_t n = H5DSget_scale_name(dataset, name, sizeof name);
  H5Eclear2(H5E_DEFAULT);
  return n > 0 && std::string(name).starts_with(DIM_WITHOUT_VARIABLE);
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

void check_name(const std::string& name, const std::string& action, const Ctx& ctx) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos) {
    fail(action, ctx, "invalid name '" + name + "' (must be non-empty, not '.', no '/')");
  }
}

}  // namespace rampup::h5::detail

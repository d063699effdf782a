package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Kusto functions secexport does not run yet, beyond those
// unsupportedFunction lists: each is refused as not supported rather than
// called unknown.
func init() {
	for _, name := range strings.Fields(`
		parse_ipv6 parse_ipv6_mask ipv6_is_match ipv6_is_in_range ipv6_is_in_any_range
		has_ipv4_prefix has_any_ipv4_prefix
		indexof_regex array_iff array_split array_shift_left
		array_shift_right array_rotate_left array_rotate_right bag_set_key bag_zip to_utf8 make_string
		unicode_codepoints_from_string unicode_codepoints_to_string base64_encode_fromguid
		base64_decode_toarray base64_decode_toguid base64_encode_fromarray format_bytes welch_test
		gamma loggamma parse_command_line parse_version regex_quote repeat hash_combine hash_many
		hash_xxhash64 hash_crc32 punycode_from_string punycode_to_string punycode_domain_from_string
		punycode_domain_to_string treepath estimate_data_size ingestion_time extent_id extent_tags
		current_cluster_endpoint current_database current_principal current_principal_details
		current_principal_is_member_of cursor_after cursor_before_or_at cursor_current
		argmax argmin geo_distance_2points geo_point_in_circle geo_point_in_polygon geo_point_to_geohash
		geo_point_to_s2cell geo_point_to_h3cell beta_cdf beta_inv beta_pdf erf erfc
		percentile_tdigest percentrank_tdigest rank_tdigest tdigest tdigest_merge merge_tdigest`) {
		if _, ok := functions[name]; ok {
			continue
		}
		if _, ok := aggregates[name]; ok {
			continue
		}
		functions[name] = &function{compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
			return nil, e.errorf(x, CodeNotSupported, "the function '%s' is not supported yet", x.Func.Name)
		}}
	}
}

#!/usr/bin/perl
# Writes the GeoIP databases the tests use into the directory named by the only argument
# (tests/CMakeLists.txt runs this at build time). tests/support/test_geoip.hpp describes
# them; tests across the tree depend on exactly these networks and countries, so change
# them only together with every test that reads them.
use strict;
use warnings;

use MaxMind::DB::Writer::Tree;

my $dir = shift // die "usage: make_test_geoip.pl OUTPUT_DIR\n";

# A fixed build time keeps the build() strings stable: 2024-06-17 23:30:00 UTC. Late in the
# UTC day, so a date wrongly taken in local time shows as the 18th east of Greenwich.
my $build_epoch = 1718667000;

my %key_types = (
    accuracy_radius      => 'uint16',
    autonomous_system_number       => 'uint32',
    autonomous_system_organization => 'utf8_string',
    city                 => 'map',
    code                 => 'utf8_string',
    continent            => 'map',
    country              => 'map',
    country_code         => 'utf8_string',
    en                   => 'utf8_string',
    geoname_id           => 'uint32',
    is_in_european_union => 'boolean',
    iso_code             => 'utf8_string',
    latitude             => 'double',
    location             => 'map',
    longitude            => 'double',
    metro_code           => 'uint16',
    names                => 'map',
    postal               => 'map',
    registered_country   => 'map',
    subdivisions         => [ 'array', 'map' ],
    time_zone            => 'utf8_string',
);

sub write_database {
    my ( $file, $database_type, $ip_version, @networks ) = @_;
    my $tree = MaxMind::DB::Writer::Tree->new(
        ip_version    => $ip_version,
        record_size   => 24,
        database_type => $database_type,
        languages     => ['en'],
        description   => { en => "geocrawl test database ($database_type)" },
        map_key_type_callback =>
            sub { $key_types{ $_[0] } // die "make_test_geoip.pl: no type for key $_[0]\n" },
        # The tests' addresses are loopback and documentation networks, which the writer
        # would otherwise leave out as reserved.
        remove_reserved_networks => 0,
        _build_epoch             => $build_epoch,
    );
    $tree->insert_network( $_->[0], $_->[1] ) for @networks;

    # Written aside and renamed, so a failed run never leaves a file the build takes as done.
    my $partial = "$dir/$file.partial";
    open my $out, '>:raw', $partial or die "make_test_geoip.pl: $partial: $!\n";
    $tree->write_tree($out);
    close $out or die "make_test_geoip.pl: $partial: $!\n";
    rename $partial, "$dir/$file" or die "make_test_geoip.pl: $dir/$file: $!\n";
}

# GeoIP2 records, shaped like MaxMind's (GeoNames ids and English names).
my %continents = (
    AS => { code => 'AS', geoname_id => 6255147, names => { en => 'Asia' } },
    EU => { code => 'EU', geoname_id => 6255148, names => { en => 'Europe' } },
    NA => { code => 'NA', geoname_id => 6255149, names => { en => 'North America' } },
);
my %countries = (
    DE => [ 'EU', 2921044, 'Germany' ],
    FR => [ 'EU', 3017382, 'France' ],
    JP => [ 'AS', 1861060, 'Japan' ],
    KR => [ 'AS', 1835841, 'South Korea' ],
    US => [ 'NA', 6252001, 'United States' ],
);

sub geoip2_country_of {
    my ($code) = @_;
    my ( undef, $geoname_id, $name ) = @{ $countries{$code} };
    my %country = ( iso_code => $code, geoname_id => $geoname_id, names => { en => $name } );
    $country{is_in_european_union} = 1 if $countries{$code}[0] eq 'EU';
    return \%country;
}

sub geoip2_country {
    my ($code) = @_;
    return {
        continent          => $continents{ $countries{$code}[0] },
        country            => geoip2_country_of($code),
        registered_country => geoip2_country_of($code),
    };
}

sub geoip2_city {
    my ( $code, $city ) = @_;
    my $record = geoip2_country($code);
    $record->{city} = { geoname_id => $city->{geoname_id}, names => { en => $city->{name} } };
    $record->{location}     = $city->{location};
    $record->{postal}       = { code => $city->{postal} };
    $record->{subdivisions} = [ $city->{subdivision} ];
    return $record;
}

sub flat { return { country_code => $_[0] } }

my @ipv4_flat = (
    [ '127.0.0.10/31', flat('JP') ],
    [ '127.0.0.12/32', flat('JP') ],
    [ '127.0.0.13/32', flat('JP') ],
    [ '127.0.0.20/30', flat('US') ],
    [ '127.0.0.30/32', flat('DE') ],
    [ '127.0.0.40/32', flat('FR') ],
);
my @ipv6_flat = (
    [ '2001:db8:1::/48', flat('JP') ],
    [ '2001:db8:2::/48', flat('US') ],
);

write_database( 'test-country.mmdb', 'geocrawl-test-country', 6, @ipv4_flat, @ipv6_flat );

write_database( 'test-country-ipv4.mmdb', 'geocrawl-test-country-ipv4', 4, @ipv4_flat );

write_database(
    'test-geoip2-country.mmdb', 'GeoIP2-Country', 6,
    [ '127.0.0.10/31', geoip2_country('JP') ],
    [ '127.0.0.12/32', geoip2_country('JP') ],
    # Where the two country databases disagree.
    [ '127.0.0.13/32', geoip2_country('KR') ],
    [ '127.0.0.20/30', geoip2_country('US') ],
    # Only the registered country, as GeoIP2 has for some networks.
    [ '127.0.0.30/32', { registered_country => geoip2_country_of('DE') } ],
    [ '127.0.0.40/32', geoip2_country('FR') ],
    [ '2001:db8:1::/48', geoip2_country('JP') ],
    [ '2001:db8:2::/48', geoip2_country('US') ],
);

write_database(
    'test-city.mmdb', 'GeoIP2-City', 6,
    [
        '127.0.0.10/31',
        geoip2_city(
            'JP',
            {
                geoname_id => 1850147,
                name       => 'Tokyo',
                location   => {
                    accuracy_radius => 20, latitude => 35.6895, longitude => 139.6917,
                    time_zone       => 'Asia/Tokyo'
                },
                postal      => '100-0001',
                subdivision => { geoname_id => 1850144, iso_code => '13', names => { en => 'Tokyo' } },
            }
        )
    ],
    [
        '127.0.0.20/30',
        geoip2_city(
            'US',
            {
                geoname_id => 4744870,
                name       => 'Ashburn',
                location   => {
                    accuracy_radius => 20, latitude => 39.0437, longitude => -77.4875,
                    metro_code      => 511, time_zone => 'America/New_York'
                },
                postal      => '20147',
                subdivision => { geoname_id => 6254928, iso_code => 'VA', names => { en => 'Virginia' } },
            }
        )
    ],
);

# An ASN database in the layout GeoLite2-ASN and ip-location-db's asn databases share. The
# direct origin's address and one beside it are one AS; 127.0.0.20/30 another; 127.0.0.30 a
# record without a number (no AS to name).
sub asn { return { autonomous_system_number => $_[0], autonomous_system_organization => $_[1] } }
write_database(
    'test-asn.mmdb', 'GeoLite2-ASN', 6,
    [ '127.0.0.1/32',    asn( 64500, 'Example Hosting One' ) ],
    [ '127.0.0.2/32',    asn( 64500, 'Example Hosting One' ) ],
    [ '127.0.0.20/30',   asn( 64501, 'Example Transit Two' ) ],
    [ '127.0.0.30/32',   { autonomous_system_organization => 'No Number Networks' } ],
    [ '2001:db8:1::/48', asn( 4200000001, 'Example Four-Byte AS' ) ],
);

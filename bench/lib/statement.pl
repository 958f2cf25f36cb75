#!/usr/bin/env perl
# Prints one SQL constant of a Java class (string literals, text blocks and other constants joined
# by +) with its $n parameters replaced as told: statement.pl FILE NAME 1=:app 2=... Exits 1 when
# the constant is missing or its parameters are not exactly the ones given, so that the caller
# never benchmarks a statement it misread.
use strict;
use warnings;

my ($file, $name, @params) = @ARGV;
die "usage: statement.pl FILE NAME N=TEXT...\n" unless defined $name;
open my $fh, '<', $file or die "cannot read $file: $!\n";
my $src = do { local $/; <$fh> };

my %raw;
while ($src =~ /static\s+final\s+String\s+(\w+)\s*=\s*(.*?);\s*$/msg) {
  $raw{$1} = $2;
}

sub value {
  my ($const, $depth) = @_;
  die "constant $const not found\n" unless exists $raw{$const};
  die "constants nest too deep\n" if $depth > 5;
  my $expr = $raw{$const};
  my $out = '';
  while ($expr =~ /\G\s*(?:"""\s*\n(.*?)"""|"((?:[^"\\]|\\.)*)"|(\w+)|\+)\s*/gsc) {
    if (defined $1) {
      (my $block = $1) =~ s/\s+/ /g;
      $out .= $block;
    } elsif (defined $2) {
      (my $lit = $2) =~ s/\\(.)/$1/g;
      $out .= $lit;
    } elsif (defined $3) {
      $out .= value($3, $depth + 1);
    }
  }
  die "cannot read the expression of $const\n" if (pos($expr) // 0) != length $expr;
  return $out;
}

my $sql = eval { value($name, 0) };
if (!defined $sql) {
  print STDERR $@;
  exit 1;
}
my %map = map { /^(\d+)=(.*)$/s ? ($1, $2) : die "bad parameter mapping $_\n" } @params;
my %seen = map { $_ => 1 } $sql =~ /\$(\d+)/g;
my $want = join ',', map { "\$$_" } sort { $a <=> $b } keys %map;
my $have = join ',', map { "\$$_" } sort { $a <=> $b } keys %seen;
if ($want ne $have) {
  print STDERR "$name has parameters $have, expected $want\n";
  exit 1;
}
$sql =~ s/\$(\d+)/$map{$1}/g;
$sql =~ s/\s+/ /g;
$sql =~ s/^ | $//g;
print "$sql\n";

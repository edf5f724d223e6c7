/**
 * SharpHound collector output (BloodHound CE v6, and the v5 layout it extends): the users, groups,
 * computers and domains files, read one object at a time into identity facts for the attack graph.
 * Not a {@code ScanParser}: these files describe who can do what, not weaknesses.
 */
package vigil.ingest.sharphound;

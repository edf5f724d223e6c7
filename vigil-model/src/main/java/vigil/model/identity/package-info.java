/**
 * Directory identities as collectors such as SharpHound describe them: principals (users, groups,
 * computers, domains), the relations between them (membership, sessions, local rights, ACL rights)
 * and domain trusts. These are facts for the attack graph, not observations of weaknesses.
 */
package vigil.model.identity;

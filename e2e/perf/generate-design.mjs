// A synthetic design of about N components in the export format, for the performance figures
// when the CLI's `vpcplay generate` is not available. Deterministic: the same N gives the same
// file. Each VPC is laid out the way AWS recommends for VPC-attached Lambda functions: per
// Availability Zone a public subnet with a NAT gateway, a private subnet routed to it, and a
// database subnet; an internet gateway; an S3 gateway endpoint and a Secrets Manager interface
// endpoint; a shared self-referencing security group plus database and endpoint groups.
// About 60 components per VPC, most of them functions.
//
// Usage: node perf/generate-design.mjs [--components 300] > design.json

const AZS = ['a', 'b', 'c'];
const SUBNET = { w: 360, h: 230 };
const VPC_GAP = 160;
const SIDE = 200; // a column right of each VPC for groups, tables and endpoints

export function generateDesign(components = 300) {
  const perVpcFixed = 1 + 9 + 5 + 1 + 3 + 2 + 3 + 2; // everything but functions: 26
  const services = 2;
  const vpcs = Math.max(1, Math.round((components - services) / 60));
  const functions = Math.max(vpcs, components - services - vpcs * perVpcFixed);

  const doc = {
    schema_version: 1,
    name: `Generated estate of ${components} components`,
    description: `${vpcs} VPCs in three Availability Zones with ${functions} Lambda functions, for measuring the app on a large design.`,
    region: 'us-east-1',
    vpcs: [], subnets: [], route_tables: [], internet_gateways: [], nat_gateways: [], endpoints: [],
    security_groups: [], functions: [], databases: [], services: [], layout: {},
  };
  const vpcW = AZS.length * (SUBNET.w + 30) + 30;
  const vpcH = 3 * (SUBNET.h + 30) + 60;
  let fnLeft = functions;

  for (let v = 0; v < vpcs; v++) {
    const p = `v${v}`;
    const ox = 40 + (v % 2) * (vpcW + SIDE + VPC_GAP);
    const oy = 60 + Math.floor(v / 2) * (vpcH + VPC_GAP);
    const vpc = `${p}-vpc`;
    doc.vpcs.push({
      id: vpc, name: vpc, cidr: `10.${v}.0.0/16`,
      enable_dns_support: true, enable_dns_hostnames: true, main_route_table: `${p}-main-rt`,
    });
    doc.layout[vpc] = { x: ox, y: oy, w: vpcW, h: vpcH };

    const igw = `${p}-igw`;
    doc.internet_gateways.push({ id: igw, name: igw, vpc });
    doc.layout[igw] = { x: ox + vpcW / 2, y: oy };

    doc.route_tables.push({
      id: `${p}-public-rt`, name: `${p}-public-rt`, vpc,
      routes: [{ destination: { cidr: '0.0.0.0/0' }, target: { kind: 'internet_gateway', id: igw } }],
    });
    doc.route_tables.push({ id: `${p}-main-rt`, name: `${p}-main-rt`, vpc, routes: [] });

    const shared = `${p}-shared-sg`, dbSg = `${p}-db-sg`, epSg = `${p}-endpoint-sg`;
    doc.security_groups.push(
      {
        id: shared, name: shared, vpc,
        inbound: [{ protocol: 'all', peer: { security_group: shared } }],
        outbound: [{ protocol: 'all', peer: { cidr: '0.0.0.0/0' } }],
      },
      {
        id: dbSg, name: dbSg, vpc,
        inbound: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, peer: { security_group: shared } }],
        outbound: [],
      },
      {
        id: epSg, name: epSg, vpc,
        inbound: [{ protocol: 'tcp', from_port: 443, to_port: 443, peer: { cidr: `10.${v}.0.0/16` } }],
        outbound: [],
      },
    );

    const privates = [];
    AZS.forEach((az, i) => {
      const sx = ox + 30 + i * (SUBNET.w + 30);
      const rows = ['public', 'private', 'db'];
      rows.forEach((kind, r) => {
        const id = `${p}-${kind}-${az}`;
        const subnet = { id, name: id, vpc, az: `us-east-1${az}`, cidr: `10.${v}.${r * 16 + i}.0/24` };
        if (kind === 'public') subnet.route_table = `${p}-public-rt`;
        if (kind === 'private') subnet.route_table = `${p}-private-rt-${az}`;
        doc.subnets.push(subnet);
        doc.layout[id] = { x: sx, y: oy + 50 + r * (SUBNET.h + 30), ...SUBNET };
      });
      const nat = `${p}-nat-${az}`;
      doc.nat_gateways.push({ id: nat, name: nat, subnet: `${p}-public-${az}` });
      doc.layout[nat] = { x: sx + SUBNET.w / 2, y: oy + 50 + SUBNET.h / 2 };
      doc.route_tables.push({
        id: `${p}-private-rt-${az}`, name: `${p}-private-rt-${az}`, vpc,
        routes: [{ destination: { cidr: '0.0.0.0/0' }, target: { kind: 'nat_gateway', id: nat } }],
      });
      privates.push(`${p}-private-${az}`);
    });

    doc.endpoints.push(
      {
        id: `${p}-s3-endpoint`, name: `${p}-s3-endpoint`, vpc, service: 's3', type: 'gateway',
        route_tables: AZS.map((az) => `${p}-private-rt-${az}`),
      },
      {
        id: `${p}-secrets-endpoint`, name: `${p}-secrets-endpoint`, vpc, service: 'secretsmanager',
        type: 'interface', subnets: privates, security_groups: [epSg], private_dns: true,
      },
    );

    ['db-a', 'db-b'].forEach((name, i) => {
      const id = `${p}-${name}`;
      doc.databases.push({
        id, name: id, engine: 'postgres', subnet_group: [`${p}-db-a`, `${p}-db-b`, `${p}-db-c`],
        security_groups: [dbSg],
      });
      doc.layout[id] = { x: ox + 30 + i * (SUBNET.w + 30) + SUBNET.w / 2, y: oy + 50 + 2 * (SUBNET.h + 30) + SUBNET.h / 2 };
    });

    const side = [`${p}-public-rt`, `${p}-main-rt`, ...AZS.map((az) => `${p}-private-rt-${az}`),
      shared, dbSg, epSg, `${p}-s3-endpoint`, `${p}-secrets-endpoint`];
    side.forEach((id, i) => { doc.layout[id] = { x: ox + vpcW + 40, y: oy + 40 + i * 70 }; });

    // Functions: an even share per VPC, placed on a grid inside the private subnets.
    const mine = Math.ceil(fnLeft / (vpcs - v));
    fnLeft -= mine;
    for (let f = 0; f < mine; f++) {
      const i = f % AZS.length;
      const slot = Math.floor(f / AZS.length);
      const id = `${p}-fn-${String(f).padStart(2, '0')}`;
      doc.functions.push({
        id, name: id, vpc_config: { subnets: [privates[i]], security_groups: [shared] },
      });
      const col = slot % 5, row = Math.floor(slot / 5);
      doc.layout[id] = {
        x: ox + 30 + i * (SUBNET.w + 30) + 40 + col * 70,
        y: oy + 50 + (SUBNET.h + 30) + 50 + row * 60,
      };
    }
  }

  const right = 40 + 2 * (vpcW + SIDE + VPC_GAP);
  doc.services.push({ id: 's3', name: 'S3', service: 's3' }, { id: 'secretsmanager', name: 'Secrets Manager', service: 'secretsmanager' });
  doc.layout.s3 = { x: right, y: 80 };
  doc.layout.secretsmanager = { x: right, y: 180 };

  return { format: 'vpc-playground', schema_version: 1, document: doc };
}

/** The number of components, counted as the engine's `Document::components` does. */
export function countComponents(exported) {
  const d = exported.document;
  return ['vpcs', 'subnets', 'route_tables', 'internet_gateways', 'egress_only_gateways', 'nat_gateways',
    'peering_connections', 'endpoints', 'security_groups', 'network_acls', 'functions', 'databases',
    'instances', 'services'].reduce((n, k) => n + (d[k]?.length ?? 0), 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--components');
  const n = i > 0 ? Number(process.argv[i + 1]) : 300;
  process.stdout.write(JSON.stringify(generateDesign(n), null, 1) + '\n');
}

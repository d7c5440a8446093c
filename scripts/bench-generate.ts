/**
 * Generated inputs for the benchmark: one template of a given number of resources (a VPC with
 * subnets, security groups, Session Manager endpoints, instances, functions and the usual IAM and
 * storage resources around them), and a workspace of linked stacks (per group a network stack that
 * exports its VPC and subnets, an endpoints stack and application stacks that import them) with a
 * project file that names every stack. The output is deterministic.
 */

/**
 * A dense VPC: `subnets` subnets (each with an instance and a security group admitting HTTPS only
 * from its own subnet) and `endpoints` interface endpoints with private DNS, each in one subnet
 * behind one of those groups. Every endpoint blocks most of the VPC, so nearly every finding has
 * fixes with one intent per subnet: the case that measures building quick fixes.
 */
export function generateDenseEndpoints(subnets: number, endpoints: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Description: A generated dense VPC for the benchmark.', 'Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16'];
  for (let index = 0; index < subnets; index++) {
    lines.push(
      `  Subnet${index}:`,
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      VpcId: !Ref Vpc',
      `      CidrBlock: 10.0.${index}.0/24`,
      `      AvailabilityZone: !Select [${index % 3}, !GetAZs ""]`,
      `  Group${index}:`,
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      `      GroupDescription: HTTPS from subnet ${index}`,
      '      VpcId: !Ref Vpc',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 443',
      '          ToPort: 443',
      `          CidrIp: 10.0.${index}.0/24`,
      `  Instance${index}:`,
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-12345678',
      `      SubnetId: !Ref Subnet${index}`,
    );
  }
  for (let index = 0; index < endpoints; index++) {
    const home = index % subnets;
    lines.push(
      `  Endpoint${index}:`,
      '    Type: AWS::EC2::VPCEndpoint',
      '    Properties:',
      '      VpcId: !Ref Vpc',
      `      ServiceName: !Sub com.amazonaws.\${AWS::Region}.service${index}`,
      '      VpcEndpointType: Interface',
      '      PrivateDnsEnabled: true',
      `      SubnetIds: [!Ref Subnet${home}]`,
      `      SecurityGroupIds: [!Ref Group${home}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A template with `count` resources. */
export function generateTemplate(count: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Description: A generated template for the benchmark.', 'Parameters:', '  Env:', '    Type: String', '    Default: dev', '    AllowedValues: [dev, prod]', 'Conditions:', '  IsProd: !Equals [!Ref Env, prod]', 'Resources:'];
  let made = 0;
  const add = (text: string): void => {
    lines.push(text.replace(/^\n/, '').trimEnd());
    made++;
  };
  add(`
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true`);
  const subnets = 8;
  for (let index = 0; index < subnets; index++) {
    add(`
  Subnet${index}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.${index}.0/24
      AvailabilityZone: !Select [${index % 3}, !GetAZs ""]`);
    add(`
  RouteTable${index}:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc`);
    add(`
  Association${index}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet${index}
      RouteTableId: !Ref RouteTable${index}`);
  }
  add(`
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.4.0/24 }
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.5.0/24 }`);
  for (const service of ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'kms', 'sts']) {
    add(`
  Endpoint${service.replace(/\W/g, '')}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${service}
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet4, !Ref Subnet5]
      SecurityGroupIds: [!Ref EndpointGroup]`);
  }
  let index = 0;
  while (made < count) {
    const kind = index % 5;
    if (kind === 0) {
      add(`
  Group${index}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: group ${index}
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: ${1000 + index}
          ToPort: ${1000 + index}
          CidrIp: 10.0.0.0/16`);
    } else if (kind === 1) {
      add(`
  Instance${index}:
    Type: AWS::EC2::Instance
    ${index % 4 === 1 ? 'Condition: IsProd\n    ' : ''}Properties:
      ImageId: ami-0abcdef1234567890
      InstanceType: t3.micro
      SubnetId: !Ref Subnet${index % subnets}
      SecurityGroupIds: [!Ref Group${index - 1}]
      Tags:
        - { Key: Name, Value: instance-${index} }`);
    } else if (kind === 2) {
      add(`
  Role${index}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: queue
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [sqs:SendMessage, sqs:ReceiveMessage]
                Resource: !GetAtt Queue${index + 1}.Arn`);
    } else if (kind === 3) {
      add(`
  Queue${index}:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60`);
    } else {
      add(`
  Function${index}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role${index - 2}.Arn
      Code: { ZipFile: "def handler(event, context): return event" }
      VpcConfig:
        SubnetIds: [!Ref Subnet${index % subnets}, !Ref Subnet${(index + 1) % subnets}]
        SecurityGroupIds: [!Ref Group${index - 4}]`);
    }
    index++;
  }
  return `${lines.join('\n\n')}\n`;
}

/**
 * The files of a workspace of `groups` × 10 linked stacks, by relative path, with the project file.
 * Each application stack has a condition on its `Env` parameter; the project file pins `Env` for
 * every stack, as the parameter files of a deployed workspace do, unless `pinned` is false.
 */
export function generateWorkspace(groups: number, pinned = true): Map<string, string> {
  const files = new Map<string, string>();
  const stacks: string[] = [];
  for (let group = 0; group < groups; group++) {
    const net = `net-${group}`;
    const second = (group >> 8) & 255;
    const third = group & 255;
    files.set(`network/${net}.yaml`, networkStack(second, third));
    stacks.push(`  - name: ${net}\n    template: network/${net}.yaml`);
    files.set(`endpoints/endpoints-${group}.yaml`, endpointsStack(net, second, third));
    stacks.push(`  - name: endpoints-${group}\n    template: endpoints/endpoints-${group}.yaml`);
    for (let app = 0; app < 8; app++) {
      const name = `app-${group}-${app}`;
      files.set(`apps/${name}.yaml`, appStack(net, app));
      stacks.push(`  - name: ${name}\n    template: apps/${name}.yaml${pinned ? `\n    parameters: { Env: ${app % 4 === 0 ? 'prod' : 'dev'} }` : ''}`);
    }
  }
  files.set('.cfn-network-lens.yaml', `version: 1\nregion: eu-west-1\nstacks:\n${stacks.join('\n')}\n`);
  return files;
}

function networkStack(second: number, third: number): string {
  const cidr = (index: number): string => `10.${second}.${third * 0 + index * 16}.0/20`;
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: A network stack.
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.${second}.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  InternetGateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref InternetGateway }
${[0, 1, 2, 3]
  .map(
    (index) => `  Subnet${index}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: ${cidr(index)}
      AvailabilityZone: !Select [${index % 2}, !GetAZs ""]
  Routes${index}:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Association${index}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Subnet${index}, RouteTableId: !Ref Routes${index} }`,
  )
  .join('\n')}
  PublicRoute:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Routes0, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref InternetGateway }
Outputs:
  VpcId: { Value: !Ref Vpc, Export: { Name: !Sub "\${AWS::StackName}-VpcId" } }
  VpcCidr: { Value: !GetAtt Vpc.CidrBlock, Export: { Name: !Sub "\${AWS::StackName}-VpcCidr" } }
  PublicSubnets: { Value: !Join [",", [!Ref Subnet0, !Ref Subnet1]], Export: { Name: !Sub "\${AWS::StackName}-PublicSubnets" } }
  PrivateSubnets: { Value: !Join [",", [!Ref Subnet2, !Ref Subnet3]], Export: { Name: !Sub "\${AWS::StackName}-PrivateSubnets" } }
`;
}

function endpointsStack(net: string, second: number, third: number): string {
  void third;
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: Session Manager endpoints for the private subnets.
Parameters:
  NetworkStack: { Type: String, Default: ${net} }
Resources:
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !ImportValue { "Fn::Sub": "\${NetworkStack}-VpcId" }
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.${second}.32.0/20 }
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.${second}.48.0/20 }
${['ssm', 'ssmmessages', 'ec2messages', 'logs']
  .map(
    (service) => `  ${service}Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !ImportValue { "Fn::Sub": "\${NetworkStack}-VpcId" }
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${service}
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: !Split [",", !ImportValue { "Fn::Sub": "\${NetworkStack}-PrivateSubnets" }]
      SecurityGroupIds: [!Ref EndpointGroup]`,
  )
  .join('\n')}
`;
}

function appStack(net: string, app: number): string {
  const subnets = app % 2 === 0 ? 'PrivateSubnets' : 'PublicSubnets';
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: An application stack.
Parameters:
  NetworkStack: { Type: String, Default: ${net} }
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: application
      VpcId: !ImportValue { "Fn::Sub": "\${NetworkStack}-VpcId" }
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !ImportValue { "Fn::Sub": "\${NetworkStack}-VpcCidr" } }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"]
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties: { Roles: [!Ref Role] }
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abcdef1234567890
      InstanceType: t3.micro
      IamInstanceProfile: !Ref Profile
      SubnetId: !Select [0, !Split [",", !ImportValue { "Fn::Sub": "\${NetworkStack}-${subnets}" }]]
      SecurityGroupIds: [!Ref AppGroup]
  ProdInstance:
    Type: AWS::EC2::Instance
    Condition: IsProd
    Properties:
      ImageId: ami-0abcdef1234567890
      InstanceType: t3.large
      IamInstanceProfile: !Ref Profile
      SubnetId: !Select [1, !Split [",", !ImportValue { "Fn::Sub": "\${NetworkStack}-${subnets}" }]]
      SecurityGroupIds: [!Ref AppGroup]
  Queue:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
`;
}
